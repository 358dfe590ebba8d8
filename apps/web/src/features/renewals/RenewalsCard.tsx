import { Card, List, Space } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../shared/ui/states'
import { RenewalFacts } from './RenewalFacts'
import { RiskTag } from './RiskTag'
import './renewals.css'
import { useAccountRenewals } from './renewals.queries'

/** The 360° page's renewals card: the account's running contracts by end date, with their renewal work. */
export function RenewalsCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const list = useAccountRenewals(accountId)
  const rows = (list.data?.data ?? []).filter((c) => c.daysLeft >= 0)
  return (
    <Card
      size="small"
      title={t('renewals.cardTitle')}
      loading={list.isLoading}
      extra={<Link to="/renewals">{t('renewals.board')}</Link>}
      style={{ height: '100%' }}
    >
      {rows.length === 0 ? (
        <EmptyState description={t('renewals.noneForAccount')} />
      ) : (
        <List
          size="small"
          dataSource={rows.slice(0, 4)}
          rowKey="contractId"
          renderItem={(c) => (
            <List.Item style={{ paddingInline: 0 }}>
              <div style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                  <Link to={`/contracts/${c.contractId}`}>{c.number}</Link>
                  {c.renewalOpportunityId ? (
                    <Link to={`/opportunities/${c.renewalOpportunityId}`}>
                      {t('renewals.renewalOpportunity')}
                    </Link>
                  ) : (
                    <RiskTag risk={c.risk} />
                  )}
                </Space>
                <RenewalFacts contract={c} soonDays={90} />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}
