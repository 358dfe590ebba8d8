import { Col, Descriptions, Grid, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import { scopeOf } from '../settings/common'
import { useAuth } from '../../app/auth'
import { FieldValue } from '../records/display'
import { labelOf, pathOf, type CollectionMeta } from '../records/meta'
import { HealthPanel } from '../health/HealthPanel'
import { AccountChurnCard } from '../insight/churn/AccountChurnCard'
import { AccountExpansionCard } from '../insight/expansion/AccountExpansionCard'
import { HandoffCard } from '../handoffs/HandoffCard'
import { LifecycleIndicator } from '../lifecycle/LifecycleIndicator'
import { MilestonesCard } from '../lifecycle/MilestonesCard'
import { RenewalsCard } from '../renewals/RenewalsCard'
import { AccountTierCard } from '../tiers/AccountTierCard'

/**
 * The 360° overview tab: the lifecycle steps, the account's fields, its health panel and its tier on the
 * left; the handoff, renewals and delivery milestones in a side column (below them on narrower screens).
 */
export function AccountOverview({
  account: a,
  meta,
  names,
  contacts,
}: {
  account: Record<string, any> & { id: string }
  meta: CollectionMeta
  names: Record<string, string>
  contacts: Parameters<typeof MilestonesCard>[0]['contacts']
}) {
  const { t } = useTranslation()
  const { me } = useAuth()
  // On a phone each field's label sits above its value, so long values wrap instead of widening the page.
  const narrow = !Grid.useBreakpoint().md
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16} className="account-overview-main">
        <LifecycleIndicator accountId={a.id} />
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          size="small"
          bordered
          layout={narrow ? 'vertical' : 'horizontal'}
          style={{ marginTop: 12 }}
        >
          {meta.fields
            .filter((f) => !['name', 'updatedAt'].includes(f.key))
            .map((f) => (
              <Descriptions.Item key={pathOf(f)} label={labelOf(f, t)}>
                <FieldValue field={f} record={a} names={names} />
              </Descriptions.Item>
            ))}
        </Descriptions>
        <div id="account-health" className="account-anchor account-scroll-x">
          <HealthPanel accountId={a.id} />
          <AccountChurnCard accountId={a.id} />
          <AccountExpansionCard accountId={a.id} />
        </div>
        <div className="account-scroll-x">
          <AccountTierCard
            accountId={a.id}
            canOverride={scopeOf(me, 'tier_overrides', 'create') !== 'none'}
          />
        </div>
      </Col>
      <Col xs={24} xl={8}>
        <div className="account-side">
          <HandoffCard accountId={a.id} />
          <RenewalsCard accountId={a.id} />
          <MilestonesCard accountId={a.id} contacts={contacts} />
        </div>
      </Col>
    </Row>
  )
}
