import { Tabs } from '../../shared/ui/Tabs'
import type { ReactNode } from 'react'
import { Button, Card, Space, Typography } from 'antd'
import { BarChartOutlined, ReloadOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { decisionMapGapCodes, forecastGroups } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { GapReportTab } from '../accounts/GapReportTab'
import { EmptyState } from '../../shared/ui/states'
import { ForecastTab } from './ForecastTab'
import { FunnelTab } from './FunnelTab'
import { OverviewTab } from './OverviewTab'
import { ReportFilters } from './ReportFilters'
import { overviewKeys, reportKeys, type ForecastGroup, type ReportFilter } from './reports.queries'
import { StageDurationsTab } from './StageDurationsTab'
import { WinLossTab } from './WinLossTab'
import { ApprovalTimesTab } from './ApprovalTimesTab'

const tabKeys = ['overview', 'forecast', 'funnel', 'durations', 'winLoss', 'approvals', 'gaps'] as const
type TabKey = (typeof tabKeys)[number]

/**
 * Reports: the overview charts and the sales reports (forecast, funnel, stage durations, win/loss).
 * The tab and the filters (period, owner, team, grouping) are kept in the address.
 */
export default function ReportsPage() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const qc = useQueryClient()
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const tab: TabKey = tabKeys.find((k) => k === params.get('tab')) ?? 'overview'
  const groupBy: ForecastGroup = forecastGroups.find((g) => g === params.get('groupBy')) ?? 'month'
  const filter: ReportFilter = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    ownerId: params.get('owner') ?? undefined,
    teamId: params.get('team') ?? undefined,
  }
  const gap = decisionMapGapCodes.find((c) => c === params.get('gap'))
  const names = {
    from: 'from',
    to: 'to',
    ownerId: 'owner',
    teamId: 'team',
    groupBy: 'groupBy',
    tab: 'tab',
    gap: 'gap',
  }

  const update = (changes: Partial<Record<keyof typeof names, string | null>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(changes)) {
          const name = names[k as keyof typeof names]
          if (v) next.set(name, v)
          else next.delete(name)
        }
        return next
      },
      { replace: true },
    )

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: reportKeys.all })
    for (const key of Object.values(overviewKeys)) void qc.invalidateQueries({ queryKey: key })
  }

  const allowed = can(me, 'opportunities', 'read')
  const sales = (node: ReactNode) =>
    allowed ? (
      <>
        <ReportFilters value={filter} onChange={update} />
        {node}
      </>
    ) : (
      <Card>
        <EmptyState description={t('salesReports.noAccess')} />
      </Card>
    )

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('reports.title')}</h1>
          <Typography.Text type="secondary">
            {tab === 'overview'
              ? t('reports.subtitle')
              : tab === 'gaps'
                ? t('decisionMap.report.intro')
                : t('salesReports.subtitle')}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/reports/builder')}>
            {t('reportBuilder.open')}
          </Button>
          <Button onClick={() => navigate('/reports/saved')}>{t('reportBuilder.saved')}</Button>
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            {t('common.refresh')}
          </Button>
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'overview' ? null : k })}
        destroyOnHidden
        items={[
          { key: 'overview', label: t('salesReports.tabs.overview'), children: <OverviewTab /> },
          {
            key: 'forecast',
            label: t('salesReports.tabs.forecast'),
            children: sales(
              <ForecastTab
                filter={filter}
                groupBy={groupBy}
                onGroupBy={(g) => update({ groupBy: g === 'month' ? null : g })}
              />,
            ),
          },
          {
            key: 'funnel',
            label: t('salesReports.tabs.funnel'),
            children: sales(<FunnelTab filter={filter} />),
          },
          {
            key: 'durations',
            label: t('salesReports.tabs.durations'),
            children: sales(<StageDurationsTab filter={filter} />),
          },
          {
            key: 'winLoss',
            label: t('salesReports.tabs.winLoss'),
            children: sales(<WinLossTab filter={filter} />),
          },
          {
            key: 'approvals',
            label: t('salesReports.tabs.approvals'),
            children: (
              <>
                <ReportFilters value={filter} onChange={update} />
                <ApprovalTimesTab filter={filter} />
              </>
            ),
          },
          {
            key: 'gaps',
            label: t('decisionMap.report.tab'),
            children: can(me, 'accounts', 'read') ? (
              <GapReportTab ownerId={filter.ownerId} code={gap} onChange={update} />
            ) : (
              <Card>
                <EmptyState description={t('decisionMap.report.noAccess')} />
              </Card>
            ),
          },
        ]}
      />
    </div>
  )
}
