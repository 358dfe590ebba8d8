import { useMemo } from 'react'
import { Card, Col, DatePicker, Empty, Row, Select, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { Chart, type ChartOption } from '../../shared/ui/Chart'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { useNps, type NpsReport, type Survey } from './surveys.queries'

const DAY = 'YYYY-MM-DD'
const npsColor = (v: number | null) =>
  v === null ? '#8c8c8c' : v >= 30 ? '#237804' : v >= 0 ? '#ad6800' : '#cf1322'

/** A bar per group: its NPS (−100…100), coloured by level, with the answer count in the tooltip. */
function npsBars(
  rows: NpsReport['data'],
  label: (key: string, l: string) => string,
  name: string,
): ChartOption {
  return {
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: rows.map((r) => label(r.key, r.label)),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', min: -100, max: 100 },
    series: [
      {
        type: 'bar',
        name,
        data: rows.map((r) => ({ value: r.nps ?? 0, itemStyle: { color: npsColor(r.nps) } })),
        label: {
          show: true,
          position: 'top',
          formatter: (p: { dataIndex: number }) =>
            `${rows[p.dataIndex]!.nps ?? '—'} (${rows[p.dataIndex]!.responses})`,
        },
      },
    ],
  }
}

/** NPS results: the overall figure and its mix, by segment and tier, and the monthly trend. */
export function SurveyResults({
  surveys,
  surveyId,
  onSurvey,
  range,
  onRange,
}: {
  surveys: Survey[]
  surveyId: string | undefined
  onSurvey: (id: string | undefined) => void
  range: [string, string]
  onRange: (r: [string, string]) => void
}) {
  const { t } = useTranslation()
  const [from, to] = range
  const bySegment = useNps('segment', from, to, surveyId)
  const byTier = useNps('tier', from, to, surveyId)
  const byMonth = useNps('month', from, to, surveyId)
  const o = bySegment.data?.overall
  const tierLabel = (k: string, l: string) => (k ? t(`enums.tier.${k}`, { defaultValue: l }) : l)
  const same = (_k: string, l: string) => l

  const mix: ChartOption | null = useMemo(() => {
    if (!o || !o.responses) return null
    const pct = (n: number) => Math.round((n / o.responses) * 1000) / 10
    const part = (name: string, n: number, color: string) => ({
      type: 'bar' as const,
      stack: 'mix',
      name,
      data: [pct(n)],
      itemStyle: { color },
      label: { show: n > 0, formatter: `${pct(n)}%` },
    })
    return {
      grid: { left: 8, right: 8, top: 28, bottom: 8 },
      legend: { top: 0 },
      tooltip: { trigger: 'item', valueFormatter: (v) => `${String(v)}%` },
      xAxis: { type: 'value', max: 100, show: false },
      yAxis: { type: 'category', data: [''], show: false },
      series: [
        part(t('surveys.results.promoters'), o.promoters, '#389e0d'),
        part(t('surveys.results.passives'), o.passives, '#d4b106'),
        part(t('surveys.results.detractors'), o.detractors, '#cf1322'),
      ],
    }
  }, [o, t])

  const chartCard = (title: string, q: typeof bySegment, label: typeof same, aria: string) => (
    <Card title={title} size="small">
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState rows={4} />
      ) : q.data.data.length === 0 ? (
        <Empty description={t('surveys.results.noAnswers')} />
      ) : (
        <Chart option={npsBars(q.data.data, label, title)} ariaLabel={aria} height={260} />
      )}
    </Card>
  )

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker.RangePicker
          allowClear={false}
          aria-label={t('surveys.results.period')}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => {
            const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null]
            if (a && b) onRange([a.format(DAY), b.format(DAY)])
          }}
        />
        <Select
          style={{ minWidth: 220 }}
          value={surveyId ?? ''}
          onChange={(v) => onSurvey(v || undefined)}
          aria-label={t('surveys.fields.survey')}
          options={[
            { value: '', label: t('surveys.results.allSurveys') },
            ...surveys.filter((s) => s.kind === 'nps').map((s) => ({ value: s.id, label: s.name ?? '' })),
          ]}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card title={t('surveys.results.overall')} size="small">
            {bySegment.isError ? (
              <ErrorState error={bySegment.error} onRetry={() => void bySegment.refetch()} />
            ) : !o ? (
              <LoadingState rows={3} />
            ) : o.responses === 0 ? (
              <Empty description={t('surveys.results.noAnswers')} />
            ) : (
              <>
                <div
                  className={`nps-figure ${(o.nps ?? 0) >= 30 ? 'is-good' : (o.nps ?? 0) < 0 ? 'is-bad' : ''}`}
                >
                  {o.nps}
                </div>
                <Typography.Text type="secondary">
                  {t('surveys.results.responses', { count: o.responses })}
                </Typography.Text>
                {mix && <Chart option={mix} ariaLabel={t('surveys.results.chartMix')} height={90} />}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} md={16}>
          {chartCard(t('surveys.results.trend'), byMonth, same, t('surveys.results.chartTrend'))}
        </Col>
        <Col xs={24} md={12}>
          {chartCard(t('surveys.results.bySegment'), bySegment, same, t('surveys.results.chartBySegment'))}
        </Col>
        <Col xs={24} md={12}>
          {chartCard(t('surveys.results.byTier'), byTier, tierLabel, t('surveys.results.chartByTier'))}
        </Col>
      </Row>
    </Space>
  )
}
