import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { ImportFormat, ImportReportEntry } from '@openkam/contract'
import { AppError } from '../../core/errors'

/** Data rows beyond this are refused: split bigger files. */
export const MAX_ROWS = 200_000

/** A data row: its number in the file (header = 1) and its cells as text. */
export type FileRow = { row: number; cells: string[] }

export type ParsedFile = {
  format: ImportFormat
  headers: string[]
  rows: FileRow[]
  /** Problems of the file itself (unbalanced quotes, extra cells), by row. */
  errors: ImportReportEntry[]
}

const unreadable = (message: string) => new AppError('invalid', 'unreadable_file', message)

/** xlsx is a zip: it starts with "PK\x03\x04". The old binary .xls is an OLE file. */
export function formatOf(content: Buffer, fileName = ''): ImportFormat {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx'
  if (content.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || /\.xls$/i.test(fileName))
    throw unreadable('This is an old .xls workbook; save it as .xlsx or .csv and import that')
  return 'csv'
}

/** Reads a CSV (UTF-8 with or without BOM, or GB18030 as Excel saves it in Chinese) or an .xlsx file. */
export async function parseFile(content: Buffer, fileName = ''): Promise<ParsedFile> {
  const format = formatOf(content, fileName)
  const table = format === 'xlsx' ? await readXlsx(content) : readCsv(content)
  const firstIdx = table.rows.findIndex((r) => r.cells.some((c) => c.trim() !== ''))
  if (firstIdx < 0) throw unreadable('The file is empty: it needs a header row and at least one data row')
  const header = table.rows[firstIdx]!
  const headers = header.cells.map((h) => h.trim())
  const errors = [...table.errors]
  const rows: FileRow[] = []
  for (const r of table.rows.slice(firstIdx + 1)) {
    if (!r.cells.some((c) => c.trim() !== '')) continue
    if (r.cells.slice(headers.length).some((c) => c.trim() !== '')) {
      errors.push({
        row: r.row,
        column: null,
        field: null,
        kind: 'invalid',
        message: `has ${r.cells.length} cells but the header has ${headers.length} columns`,
      })
    }
    rows.push({ row: r.row, cells: r.cells })
  }
  if (rows.length === 0) throw unreadable('The file has a header row but no data rows')
  if (rows.length > MAX_ROWS)
    throw unreadable(`The file has ${rows.length} rows; import at most ${MAX_ROWS} at a time`)
  return { format, headers, rows, errors }
}

type Table = { rows: FileRow[]; errors: ImportReportEntry[] }

function decode(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content)
  } catch {
    return new TextDecoder('gb18030').decode(content)
  }
}

function readCsv(content: Buffer): Table {
  const res = Papa.parse<string[]>(decode(content), { header: false, skipEmptyLines: false })
  const errors: ImportReportEntry[] = res.errors
    .filter((e) => e.type === 'Quotes')
    .map((e) => ({
      row: (e.row ?? 0) + 1,
      column: null,
      field: null,
      kind: 'invalid' as const,
      message: `${e.message}; check the quotes in this row`,
    }))
  return { rows: res.data.map((cells, i) => ({ row: i + 1, cells: cells.map(String) })), errors }
}

async function readXlsx(content: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer)
  } catch (err) {
    throw unreadable(
      `The workbook cannot be read (${(err as Error).message}); save it again as .xlsx or .csv`,
    )
  }
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0)
  if (!sheet) return { rows: [], errors: [] }
  const rows: FileRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value))
    rows.push({ row: rowNumber, cells })
  })
  return { rows, errors: [] }
}

/** A cell's value as text: dates as ISO-8601 (UTC), formulas by their result, rich text and links by their text. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString()
  if (typeof v !== 'object') return String(v)
  if ('richText' in v) return v.richText.map((t) => t.text).join('')
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as never)
  if ('hyperlink' in v) return String((v as ExcelJS.CellHyperlinkValue).text ?? v.hyperlink)
  if ('error' in v) return ''
  return String(v)
}
