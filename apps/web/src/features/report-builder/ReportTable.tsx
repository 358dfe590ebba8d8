import { Table, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ReportResult } from '@openkam/contract'
import {
  formatMeasure,
  groupLabel,
  groupOf,
  measureValue,
  splitColumns,
  type FormatContext,
} from './report-format'

type Drill = (group: Record<string, unknown>, measureIndex?: number) => void
type Row = { key: number; cells: unknown[] }

/** A figure that opens its records when drilling is on (a real button, so keyboards reach it). */
function DrillCell({ text, onClick }: { text: string; onClick?: () => void }) {
  const { t } = useTranslation()
  if (!onClick || text === '—') return <span className="num">{text}</span>
  return (
    <button
      type="button"
      className="report-drill-button num"
      aria-label={t('reportBuilder.view.drillValue', { value: text })}
      onClick={onClick}
    >
      {text}
    </button>
  )
}

const compareText = (a: string, b: string) => a.localeCompare(b)
const compareNum = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity)

/** The result as a table: groupings by their labels, measures formatted; every column sorts. */
export function ReportTable({
  result,
  ctx,
  height,
  onDrill,
}: {
  result: ReportResult
  ctx: FormatContext
  height: number
  onDrill?: Drill
}) {
  const { groups, measures } = splitColumns(result)
  const rows: Row[] = result.rows.map((cells, key) => ({ key, cells }))
  const columns: TableColumnsType<Row> = [
    ...groups.map(({ col, index }) => ({
      key: col.key,
      title: col.label,
      render: (_: unknown, r: Row) => groupLabel(result, col, r.cells[index], ctx),
      sorter: (a: Row, b: Row) =>
        col.type === 'date' || col.type === 'datetime'
          ? compareText(String(a.cells[index] ?? ''), String(b.cells[index] ?? ''))
          : compareText(
              groupLabel(result, col, a.cells[index], ctx),
              groupLabel(result, col, b.cells[index], ctx),
            ),
    })),
    ...measures.map(({ col, index }, mi) => ({
      key: col.key,
      title: col.label,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (
        <DrillCell
          text={formatMeasure(r.cells[index], col.type, ctx)}
          onClick={onDrill && (() => onDrill(groupOf(result, r.cells), mi))}
        />
      ),
      sorter: (a: Row, b: Row) => compareNum(measureValue(a.cells[index]), measureValue(b.cells[index])),
    })),
  ]
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content', y: height > 200 ? height - 40 : undefined }}
    />
  )
}

const keyOf = (v: unknown) => (v === null || v === undefined ? '\u0000' : String(v))

/** Whether a measure's figures add up across rows (counts and sums); averages, extremes and ratios do not. */
export const isAdditive = (key: string, type: string) =>
  (type === 'number' || type === 'money') && !/^(avg|min|max|count_distinct|ratio)(_|$)/.test(key)

/**
 * A matrix of the first measure: the first grouping down, the second across, with totals for figures
 * that add up.
 */
export function ReportPivot({
  result,
  ctx,
  height,
  onDrill,
  additive,
}: {
  result: ReportResult
  ctx: FormatContext
  height: number
  onDrill?: Drill
  /** Whether the first measure's totals may be summed; guessed from its key and type when left out. */
  additive?: boolean
}) {
  const { t } = useTranslation()
  const { groups, measures } = splitColumns(result)
  const [g1, g2] = groups
  const m = measures[0]
  if (!g1 || !g2 || !m) return <ReportTable result={result} ctx={ctx} height={height} onDrill={onDrill} />
  const sums = additive ?? isAdditive(m.col.key, m.col.type)
  const rowValues = new Map<string, unknown>()
  const colValues = new Map<string, unknown>()
  const cells = new Map<string, unknown[]>()
  for (const r of result.rows) {
    rowValues.set(keyOf(r[g1.index]), r[g1.index])
    colValues.set(keyOf(r[g2.index]), r[g2.index])
    cells.set(`${keyOf(r[g1.index])}|${keyOf(r[g2.index])}`, r)
  }
  const fmt = (v: unknown) => formatMeasure(v, m.col.type, ctx)
  const cellOf = (rk: string, ck: string) => cells.get(`${rk}|${ck}`)
  const value = (row: unknown[] | undefined) => (row ? measureValue(row[m.index]) : null)
  const sum = (list: (number | null)[]) => list.reduce<number>((s, v) => s + (v ?? 0), 0)

  type PivotRow = { key: string; raw: unknown; total?: boolean }
  const data: PivotRow[] = [...rowValues.entries()].map(([key, raw]) => ({ key, raw }))
  if (sums) data.push({ key: '\u0001total', raw: null, total: true })
  const colKeys = [...colValues.keys()]
  const columns: TableColumnsType<PivotRow> = [
    {
      key: 'row',
      title: `${g1.col.label} \\ ${g2.col.label}`,
      fixed: 'left',
      render: (_: unknown, r: PivotRow) =>
        r.total ? <strong>{t('reportBuilder.view.total')}</strong> : groupLabel(result, g1.col, r.raw, ctx),
    },
    ...colKeys.map((ck) => ({
      key: ck,
      title: groupLabel(result, g2.col, colValues.get(ck), ctx),
      align: 'right' as const,
      render: (_: unknown, r: PivotRow) => {
        if (r.total)
          return <strong className="num">{fmt(sum(data.map((d) => value(cellOf(d.key, ck)))))}</strong>
        const row = cellOf(r.key, ck)
        return (
          <DrillCell
            text={fmt(value(row))}
            onClick={row && onDrill ? () => onDrill(groupOf(result, row), 0) : undefined}
          />
        )
      },
    })),
    ...(sums
      ? [
          {
            key: '\u0001total',
            title: t('reportBuilder.view.total'),
            align: 'right' as const,
            render: (_: unknown, r: PivotRow) => {
              const list = r.total
                ? result.rows.map((row) => value(row))
                : colKeys.map((ck) => value(cellOf(r.key, ck)))
              return <strong className="num">{fmt(sum(list))}</strong>
            },
          },
        ]
      : []),
  ]
  return (
    <Table<PivotRow>
      size="small"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={data}
      pagination={false}
      scroll={{ x: 'max-content', y: height > 200 ? height - 40 : undefined }}
    />
  )
}
