import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ReportResult } from '@openkam/contract'
import {
  changeOf,
  formatMeasure,
  groupOf,
  measureValue,
  splitColumns,
  type FormatContext,
} from './report-format'

/**
 * The first measure as one big number. One row is the figure itself; several rows (a grouped report)
 * add up for counts and sums and otherwise show the first row. With `previous`, the change since the
 * period before as ▲/▼ %.
 */
export function ReportKpi({
  result,
  ctx,
  height,
  onDrill,
}: {
  result: ReportResult
  ctx: FormatContext
  height: number
  onDrill?: (group: Record<string, unknown>, measureIndex?: number) => void
}) {
  const { t } = useTranslation()
  const { measures } = splitColumns(result)
  const m = measures[0]
  if (!m) return <Typography.Text type="secondary">{t('reportBuilder.view.noMeasure')}</Typography.Text>
  const additive = m.col.type === 'money' || m.col.type === 'number'
  const pick = (rows: unknown[][] | undefined) => {
    if (!rows || rows.length === 0) return null
    if (rows.length === 1 || !additive) return measureValue(rows[0]![m.index])
    return rows.reduce<number>((s, r) => s + (measureValue(r[m.index]) ?? 0), 0)
  }
  const value = pick(result.rows)
  const previous = result.previous ? pick(result.previous) : undefined
  const change = previous === undefined ? undefined : changeOf(value, previous)
  const text = formatMeasure(value, m.col.type, ctx)
  const pct = (n: number) =>
    new Intl.NumberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(n))
  const group = result.rows.length === 1 ? groupOf(result, result.rows[0]!) : {}

  return (
    <div className="report-kpi" style={{ minHeight: Math.min(height, 200) }}>
      <Typography.Text type="secondary">{m.col.label}</Typography.Text>
      {onDrill && value !== null ? (
        <button
          type="button"
          className="report-kpi-value report-drill-button"
          aria-label={t('reportBuilder.view.drillValue', { value: text })}
          onClick={() => onDrill(group, 0)}
        >
          {text}
        </button>
      ) : (
        <div className="report-kpi-value">{text}</div>
      )}
      {change === null && (
        <Typography.Text type="secondary">{t('reportBuilder.view.noPrevious')}</Typography.Text>
      )}
      {change !== null && change !== undefined && (
        <Typography.Text type={change > 0 ? 'success' : change < 0 ? 'danger' : 'secondary'}>
          {change > 0 ? (
            <>▲ {t('reportBuilder.view.up', { pct: pct(change) })}</>
          ) : change < 0 ? (
            <>▼ {t('reportBuilder.view.down', { pct: pct(change) })}</>
          ) : (
            t('reportBuilder.view.same')
          )}{' '}
          {t('reportBuilder.view.vsPrevious')} ({formatMeasure(previous, m.col.type, ctx)})
        </Typography.Text>
      )}
    </div>
  )
}
