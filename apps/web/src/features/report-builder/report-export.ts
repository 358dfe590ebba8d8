import type { ReportResult } from '@openkam/contract'
import { downloadCsv, toCsv, type CsvCell } from '../reports/csv'
import { chartPngOf } from './ReportCanvas'
import { groupLabel, measureValue, type FormatContext } from './report-format'
import { toXlsx, type XlsxCell } from './xlsx'

/** A file name from a report name: letters (any script), digits, - and _; spaces become -. */
export const fileBase = (name: string) =>
  name
    .trim()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'report'

/** The header and rows of a result: groupings by their labels (dates by bucket), measures as numbers. */
export function resultRows(result: ReportResult, ctx: FormatContext) {
  const header = result.columns.map((c) => c.label)
  const rows = result.rows.map((row) =>
    result.columns.map((col, i) =>
      col.role === 'group' ? groupLabel(result, col, row[i], ctx) : measureValue(row[i]),
    ),
  )
  return { header, rows }
}

/**
 * The result as CSV (UTF-8): grouping labels and plain numbers, so a spreadsheet can add them up.
 * @example resultCsv(result, ctx) // → 'Tier,ARR\r\nGold,1200000\r\n'
 */
export function resultCsv(result: ReportResult, ctx: FormatContext): string {
  const { header, rows } = resultRows(result, ctx)
  return toCsv(header, rows as CsvCell[][])
}

export function downloadResultCsv(name: string, result: ReportResult, ctx: FormatContext) {
  downloadCsv(`${fileBase(name)}.csv`, resultCsv(result, ctx))
}

/** The result as an .xlsx workbook: money with thousands separators, ratios and percent fields as %. */
export function resultXlsx(name: string, result: ReportResult, ctx: FormatContext): Uint8Array {
  const { header, rows } = resultRows(result, ctx)
  const cells: XlsxCell[][] = rows.map((row) =>
    row.map((v, i) => {
      const col = result.columns[i]!
      if (col.role === 'group' || v === null || typeof v === 'string') return v
      if (col.type === 'ratio') return { value: v, format: 'percent' }
      if (col.type === 'percent') return { value: v / 100, format: 'percent' }
      return { value: v, format: Number.isInteger(v) ? 'integer' : 'decimal' }
    }),
  )
  return toXlsx(name, header, cells)
}

function download(filename: string, url: string) {
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
}

export function downloadResultXlsx(name: string, result: ReportResult, ctx: FormatContext) {
  const blob = new Blob([resultXlsx(name, result, ctx) as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
  const url = URL.createObjectURL(blob)
  download(`${fileBase(name)}.xlsx`, url)
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Saves the chart drawn inside `root` as a PNG; false when there is no chart there (table, KPI, pivot). */
export function downloadChartPng(name: string, root: HTMLElement | null): boolean {
  const url = chartPngOf(root)
  if (!url) return false
  download(`${fileBase(name)}.png`, url)
  return true
}
