import { useMemo, useState } from 'react'
import { Col, Row, Segmented, Select, Statistic, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { forecastGroups, type ForecastRow } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { formatMoney } from '../records/display'
import { forecastChartOption, monthLabel, monthsBetween, type ForecastBar } from './report-charts'
import { ReportSection } from './ReportSection'
import { useForecast, type ForecastGroup, type ReportFilter } from './reports.queries'

/** A group's name: the month, or the owner's or team's name ("No owner" / "No team" for none). */
function labelOf(r: Pick<ForecastRow, 'key' | 'label'>, groupBy: ForecastGroup, t: TFunction, lang: string) {
  if (groupBy === 'month') return r.key ? monthLabel(r.key, lang) : '—'
  if (r.key === null)
    return t(groupBy === 'team' ? 'salesReports.forecast.noTeam' : 'salesReports.forecast.noOwner')
  return r.label ?? r.key
}

/** Weighted forecast by month, owner or team, per currency, beside the amounts won. */
export function ForecastTab({
  filter,
  groupBy,
  onGroupBy,
}: {
  filter: ReportFilter
  groupBy: ForecastGroup
  onGroupBy: (g: ForecastGroup) => void
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { me } = useAuth()
  const query = useForecast(filter, groupBy)
  const data = query.data
  const [picked, setPicked] = useState<string | null>(null)

  const currencies = useMemo(() => [...new Set(data?.totals.map((r) => r.currency))], [data])
  const main = me?.workspace.currency ?? 'CNY'
  const currency =
    picked && currencies.includes(picked)
      ? picked
      : currencies.includes(main)
        ? main
        : (currencies[0] ?? main)

  const groupLabel = (r: Pick<ForecastRow, 'key' | 'label'>) => labelOf(r, data?.groupBy ?? groupBy, t, lang)

  const chart = useMemo(() => {
    if (!data) return null
    const rows = data.rows.filter((r) => r.currency === currency)
    const bar = (r: ForecastRow | undefined, label: string): ForecastBar => ({
      label,
      total: Number(r?.total ?? 0),
      weighted: Number(r?.weighted ?? 0),
      won: Number(r?.wonTotal ?? 0),
    })
    // Every month of the period, also those without deals, so the axis reads as a calendar.
    const bars =
      data.groupBy === 'month'
        ? monthsBetween(data.from, data.to).map((m) =>
            bar(
              rows.find((r) => r.key === m),
              monthLabel(m, lang),
            ),
          )
        : rows.map((r) => bar(r, labelOf(r, data.groupBy, t, lang)))
    return forecastChartOption(bars, t, currency, lang)
  }, [data, currency, t, lang])

  const money = (v: string, c: string) => formatMoney(v, c, lang)
  const defaults = data
    ? Object.entries(data.stageProbabilities)
        .map(([s, p]) => `${t(`enums.stage.${s}`)} ${p}%`)
        .join(', ')
    : ''
  const mainTotals = data?.totals.find((r) => r.currency === currency)

  return (
    <ReportSection<ForecastRow>
      title={t('salesReports.forecast.title')}
      query={query}
      empty={!data?.rows.length}
      emptyText={t('salesReports.forecast.empty')}
      extra={
        <>
          <Segmented
            aria-label={t('salesReports.forecast.groupBy')}
            value={groupBy}
            onChange={(v) => onGroupBy(v as ForecastGroup)}
            options={forecastGroups.map((g) => ({ value: g, label: t(`salesReports.forecast.${g}`) }))}
          />
          {currencies.length > 1 && (
            <Select
              aria-label={t('salesReports.chartCurrency')}
              value={currency}
              onChange={setPicked}
              options={currencies.map((c) => ({ value: c, label: c }))}
              style={{ width: 90 }}
            />
          )}
        </>
      }
      figures={
        mainTotals && (
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('salesReports.forecast.weighted')}
                value={money(mainTotals.weighted, currency)}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('salesReports.forecast.total')} value={money(mainTotals.total, currency)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('salesReports.forecast.count')} value={mainTotals.count} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('salesReports.forecast.wonTotal')}
                value={money(mainTotals.wonTotal, currency)}
              />
            </Col>
          </Row>
        )
      }
      chart={chart ? { option: chart } : undefined}
      table={{
        rows: data?.rows ?? [],
        rowKey: (r) => `${r.key}|${r.currency}`,
        columns: [
          {
            title: t(`salesReports.forecast.${data?.groupBy ?? groupBy}`),
            key: 'group',
            render: (_, r) => groupLabel(r),
          },
          { title: t('salesReports.currency'), dataIndex: 'currency' },
          { title: t('salesReports.forecast.count'), dataIndex: 'count', align: 'right' },
          {
            title: t('salesReports.forecast.total'),
            key: 'total',
            align: 'right',
            render: (_, r) => money(r.total, r.currency),
          },
          {
            title: t('salesReports.forecast.weighted'),
            key: 'weighted',
            align: 'right',
            render: (_, r) => money(r.weighted, r.currency),
          },
          { title: t('salesReports.forecast.wonCount'), dataIndex: 'wonCount', align: 'right' },
          {
            title: t('salesReports.forecast.wonTotal'),
            key: 'wonTotal',
            align: 'right',
            render: (_, r) => money(r.wonTotal, r.currency),
          },
        ],
        summary: () =>
          data?.totals.map((r) => (
            <Table.Summary.Row key={r.currency}>
              <Table.Summary.Cell index={0}>
                <strong>{t('salesReports.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{r.currency}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {r.count}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {money(r.total, r.currency)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {money(r.weighted, r.currency)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {r.wonCount}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {money(r.wonTotal, r.currency)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )),
      }}
      csv={{
        filename: `forecast-${data?.groupBy ?? groupBy}-${data?.from ?? ''}-${data?.to ?? ''}.csv`,
        header: [
          t(`salesReports.forecast.${data?.groupBy ?? groupBy}`),
          t('salesReports.currency'),
          t('salesReports.forecast.count'),
          t('salesReports.forecast.total'),
          t('salesReports.forecast.weighted'),
          t('salesReports.forecast.wonCount'),
          t('salesReports.forecast.wonTotal'),
        ],
        rows: () =>
          (data?.rows ?? []).map((r) => [
            data?.groupBy === 'month' ? r.key : groupLabel(r),
            r.currency,
            r.count,
            r.total,
            r.weighted,
            r.wonCount,
            r.wonTotal,
          ]),
      }}
      note={t('salesReports.forecast.note', { defaults })}
    />
  )
}
