import type { ReactNode } from 'react'
import { Button, Card, Grid, Space, Tag, Tooltip, Typography } from 'antd'
import {
  CalendarOutlined,
  EditOutlined,
  FileTextOutlined,
  HeartOutlined,
  PhoneOutlined,
  PlusOutlined,
  UserAddOutlined,
} from '@ant-design/icons'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { EnumTag, formatMoney } from '../records/display'
import { StartPlaybookButton } from '../automation'
import { QualificationBadges } from '../qualification/QualificationBadges'
import { useAccountRenewals } from '../renewals/renewals.queries'
import { DecisionMapGapCount } from './DecisionMap'
import { MergeAccountButton } from '../account-merge'
import { useAccountHealth } from '../health/health.queries'

type Account = Record<string, any> & { id: string; name: string }

/** The header's quick actions; each is shown only to people who may do it. */
export type HeaderActions = {
  logCall: () => void
  logMeeting: () => void
  addTask: () => void
  addContact: () => void
  edit: () => void
}

/** One labelled fact of the header (a term and its value, never run together). */
function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="account-fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/**
 * The health score and band as a small badge; a click shows the health panel on the overview. An account
 * without a score asks its health record why: too little data ("Not enough data") or none at all.
 */
function HealthBadge({
  accountId,
  health,
  onOpen,
}: {
  accountId: string
  health: { score: number; band: string | null } | null
  onOpen: () => void
}) {
  const { t } = useTranslation()
  const record = useAccountHealth(accountId, { enabled: !health })
  const thin = !health && record.data?.status === 'insufficient_data'
  return (
    <Button size="small" icon={<HeartOutlined />} onClick={onOpen} data-testid="account-health-badge">
      {health ? (
        <>
          <span className="num">{Math.round(health.score)}</span>
          {health.band && <EnumTag group="healthBand" value={health.band} />}
        </>
      ) : thin ? (
        t('health.bands.insufficient_data')
      ) : (
        t('account360.noHealth')
      )}
    </Button>
  )
}

/** The account's next renewal: the first running contract still to end (soonest first from the API). */
function NextRenewal({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const next = (useAccountRenewals(accountId).data?.data ?? []).find((c) => c.daysLeft >= 0)
  if (!next) return <>—</>
  return (
    <Link to={`/contracts/${next.contractId}`}>
      <span className="num">{next.endDate}</span>{' '}
      <Typography.Text type="secondary">({t('account360.inDays', { count: next.daysLeft })})</Typography.Text>
    </Link>
  )
}

/**
 * The 360° page's compact header: the name with tier, fit, potential, lifecycle stage, health badge and the
 * decision map's gap count; the quick actions; and a line of labelled facts (annual spend, owner, CSM, next
 * renewal). Kept short so the tabs stay above the fold; the big cards live in the overview tab.
 */
export function AccountHeader({
  account: a,
  health,
  names,
  actions,
  onShowTab,
}: {
  account: Account
  health: { score: number; band: string | null } | null
  names: Record<string, string>
  actions: HeaderActions
  onShowTab: (tab: string, target?: string) => void
}) {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const navigate = useNavigate()
  const narrow = !Grid.useBreakpoint().md
  /**
   * A header button: its label beside the icon, or only the icon (named, with a tooltip) on a phone. The
   * primary one (Edit) shows its word alone on wider screens.
   */
  const action = (label: string, icon: ReactNode, onClick: () => void, primary = false) => {
    const button = (
      <Button
        size="small"
        type={primary ? 'primary' : 'default'}
        icon={primary && !narrow ? undefined : icon}
        aria-label={narrow ? label : undefined}
        onClick={onClick}
      >
        {narrow ? null : label}
      </Button>
    )
    return narrow ? <Tooltip title={label}>{button}</Tooltip> : button
  }

  return (
    <Card size="small" className="account-header" data-testid="account-header">
      <div className="account-header-top">
        <div className="account-header-title">
          <Typography.Text type="secondary" className="account-header-crumb">
            <Link to="/accounts">{t('nav.accounts')}</Link>
          </Typography.Text>
          <Typography.Title level={1} className="account-header-name">
            {a.name}
          </Typography.Title>
        </div>
        <Space wrap size={[6, 6]} className="account-header-actions">
          {can(me, 'activities', 'create') && (
            <>
              {action(t('account360.logCall'), <PhoneOutlined />, actions.logCall)}
              {action(t('account360.logMeeting'), <CalendarOutlined />, actions.logMeeting)}
            </>
          )}
          {can(me, 'tasks', 'create') && action(t('account360.addTask'), <PlusOutlined />, actions.addTask)}
          {can(me, 'contacts', 'create') &&
            action(t('account360.addContact'), <UserAddOutlined />, actions.addContact)}
          <StartPlaybookButton relatedType="account" relatedId={a.id} />
          {action(t('valueReport.open'), <FileTextOutlined />, () =>
            navigate(`/accounts/${a.id}/value-report`),
          )}
          {can(me, 'accounts', 'update') && <MergeAccountButton accountId={a.id} narrow={narrow} />}
          {can(me, 'accounts', 'update') && action(t('common.edit'), <EditOutlined />, actions.edit, true)}
        </Space>
      </div>
      <Space wrap size={[4, 4]} className="account-header-badges">
        <QualificationBadges account={a} editable={can(me, 'accounts', 'update')} />
        {a.lifecycleStage && <EnumTag group="lifecycleStage" value={a.lifecycleStage} />}
        {a.industry && <EnumTag group="industry" value={a.industry} />}
        {a.region && <Tag>{a.region}</Tag>}
        <HealthBadge
          accountId={a.id}
          health={health}
          onOpen={() => onShowTab('overview', 'account-health')}
        />
        <DecisionMapGapCount accountId={a.id} onOpen={() => onShowTab('decision-map')} />
      </Space>
      <dl className="account-facts">
        <Fact label={t('account360.arr')} testId="account-fact-arr">
          <span className="num">
            {a.annualSpend ? formatMoney(a.annualSpend.amount, a.annualSpend.currency, i18n.language) : '—'}
          </span>
        </Fact>
        <Fact label={t('fields.ownerId')}>{names[a.ownerId] ?? '—'}</Fact>
        <Fact label={t('fields.csmId')}>{names[a.csmId] ?? '—'}</Fact>
        <Fact label={t('account360.nextRenewal')} testId="account-fact-renewal">
          <NextRenewal accountId={a.id} />
        </Fact>
      </dl>
    </Card>
  )
}
