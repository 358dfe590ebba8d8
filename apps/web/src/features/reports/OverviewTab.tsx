import { useMemo, type ReactNode } from 'react'
import { Card, Col, Row, Typography } from 'antd'
import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { industries, ticketStatuses, tiers } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { Chart, type ChartOption } from '../../shared/ui/Chart'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import {
  countBy,
  fetchAll,
  pipelineChartOption,
  summariseStages,
  type Opportunity,
  type Sample,
} from './data'
import { overviewKeys } from './reports.queries'

const CHART_HEIGHT = 300

/** The overview charts: open pipeline by stage, accounts by tier and industry, tickets by status. */
export function OverviewTab() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const currency = me?.workspace.currency ?? 'CNY'
  const lang = i18n.language

  const pipeline = useQuery({
    queryKey: overviewKeys.pipeline,
    queryFn: () => fetchAll<Opportunity>('/opportunities', { status: 'open' }),
    enabled: can(me, 'opportunities', 'read'),
  })
  const accounts = useQuery({
    queryKey: overviewKeys.accounts,
    queryFn: () => fetchAll<{ id: string; tier: string | null; industry: string | null }>('/accounts', {}),
    enabled: can(me, 'accounts', 'read'),
  })
  const tickets = useQuery({
    queryKey: overviewKeys.tickets,
    queryFn: () => fetchAll<{ id: string; status: string | null }>('/tickets', {}),
    enabled: can(me, 'tickets', 'read'),
  })

  const notSet = t('reports.notSet')
  const pipelineSummary = useMemo(
    () => (pipeline.data ? summariseStages(pipeline.data.rows, currency) : null),
    [pipeline.data, currency],
  )
  const pipelineOption = useMemo(
    () => (pipelineSummary ? pipelineChartOption(pipelineSummary.stages, t, currency, lang) : null),
    [pipelineSummary, t, currency, lang],
  )

  const tierOption = useMemo((): ChartOption | null => {
    if (!accounts.data) return null
    const counts = countBy(accounts.data.rows, (a) => a.tier, tiers)
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          name: t('reports.accountsByTier'),
          radius: ['42%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          label: { formatter: '{b}\n{c}' },
          data: counts.map((c) => ({
            name: c.key ? t(`enums.tier.${c.key}`, { defaultValue: c.key }) : notSet,
            value: c.count,
          })),
        },
      ],
    }
  }, [accounts.data, t, notSet])

  const industryOption = useMemo((): ChartOption | null => {
    if (!accounts.data) return null
    // Largest first, drawn top-down.
    const counts = countBy(accounts.data.rows, (a) => a.industry)
      .sort(
        (a, b) =>
          b.count - a.count || industries.indexOf(a.key as never) - industries.indexOf(b.key as never),
      )
      .reverse()
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: counts.map((c) => (c.key ? t(`enums.industry.${c.key}`, { defaultValue: c.key }) : notSet)),
      },
      series: [
        {
          type: 'bar',
          name: t('reports.accountCount'),
          data: counts.map((c) => c.count),
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
        },
      ],
    }
  }, [accounts.data, t, notSet])

  const ticketOption = useMemo((): ChartOption | null => {
    if (!tickets.data) return null
    const counts = countBy(tickets.data.rows, (x) => x.status, ticketStatuses)
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: counts.map((c) => (c.key ? t(`enums.ticketStatus.${c.key}`, { defaultValue: c.key }) : notSet)),
        axisLabel: { interval: 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('reports.ticketCount'),
          data: counts.map((c) => c.count),
          barMaxWidth: 40,
          label: { show: true, position: 'top' },
          colorBy: 'data',
        },
      ],
    }
  }, [tickets.data, t, notSet])

  return (
    <div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ReportCard
            title={t('reports.pipelineByStage')}
            allowed={can(me, 'opportunities', 'read')}
            query={pipeline}
            option={pipelineOption}
            empty={t('reports.noOpportunities')}
            note={
              pipelineSummary?.otherCurrency
                ? t('reports.otherCurrency', { count: pipelineSummary.otherCurrency, currency })
                : undefined
            }
          />
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard
            title={t('reports.accountsByTier')}
            allowed={can(me, 'accounts', 'read')}
            query={accounts}
            option={tierOption}
            empty={t('reports.noAccounts')}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard
            title={t('reports.accountsByIndustry')}
            allowed={can(me, 'accounts', 'read')}
            query={accounts}
            option={industryOption}
            empty={t('reports.noAccounts')}
            height={Math.max(
              CHART_HEIGHT,
              40 + 28 * new Set(accounts.data?.rows.map((a) => a.industry)).size,
            )}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard
            title={t('reports.ticketsByStatus')}
            allowed={can(me, 'tickets', 'read')}
            query={tickets}
            option={ticketOption}
            empty={t('reports.noTickets')}
          />
        </Col>
      </Row>
    </div>
  )
}

function ReportCard({
  title,
  allowed,
  query,
  option,
  empty,
  note,
  height = CHART_HEIGHT,
}: {
  title: string
  allowed: boolean
  query: UseQueryResult<Sample<unknown>>
  option: ChartOption | null
  empty: string
  note?: string
  height?: number
}) {
  const { t } = useTranslation()
  let body: ReactNode
  if (!allowed) body = <EmptyState description={t('reports.noAccess')} />
  else if (query.isLoading) body = <LoadingState rows={7} />
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  else if (!query.data?.rows.length || !option) body = <EmptyState description={empty} />
  else
    body = (
      <>
        <Chart option={option} height={height} ariaLabel={title} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {query.data.truncated
            ? t('reports.sample', { count: query.data.rows.length })
            : t('reports.basedOn', { count: query.data.rows.length })}
          {note ? ` ${note}` : ''}
        </Typography.Text>
      </>
    )
  return (
    <Card title={title} styles={{ body: { minHeight: CHART_HEIGHT + 60 } }}>
      {body}
    </Card>
  )
}
