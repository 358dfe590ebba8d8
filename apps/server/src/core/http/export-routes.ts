import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { z } from 'zod'
import { Problem } from '@openkam/contract'
import type { Collection, ListQuery } from '../crud/collection'
import type { Ctx } from '../context'
import type { Db, Executor } from '../db/types'
import { messageLanguage } from './language'
import { listQuerySchema } from './collection-routes'
import { customFields } from '../crud/custom-fields'
import { fieldAccessOf } from '../access/permissions'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from './server'

/** An export stops after this many records; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 100_000
const PAGE = 500

type Rec = Record<string, unknown>
export type ExportColumn = { header: string; get(rec: Rec): unknown }

/**
 * The columns of an export "as the list shows it" (`columns=` given): headers in the person's language,
 * names instead of ids, labels instead of option codes, formatted dates and money. The object model
 * (modules/imports) registers it at start, so that core/ knows no module. `prepare` runs on each page of
 * records before its rows are written (it looks up the names the page refers to).
 */
export type ExportView = (
  tx: Executor,
  ctx: Ctx,
  object: string,
  paths: string[],
  opts: { ids: boolean; lang: 'en' | 'zh-CN'; timeZone: string },
) => Promise<{ columns: ExportColumn[]; prepare(recs: Rec[]): Promise<void> }>

let exportView: ExportView | null = null
/** Registers how an export shows the list's columns (the runtime does it once at start). */
export const setExportView = (v: ExportView | null) => {
  exportView = v
}

/** The parameters an export takes besides the list's own filters, sort and search. */
export const exportParams = {
  format: z.enum(['csv', 'xlsx']).default('csv').describe('csv (UTF-8 with BOM) or xlsx'),
  columns: z
    .string()
    .max(4000)
    .optional()
    .describe(
      "the list's columns in order, comma-separated field paths (name,industry,ownerId,custom.region): the file shows them as the list does — headers in your language, names instead of ids, option labels, formatted dates and money. Without it, one column per stored field with raw values",
    ),
  ids: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      'with columns: also the record id and the raw value of each column under its import name, so the file imports back',
    ),
  lang: z.enum(['en', 'zh-CN']).optional().describe('the language of headers and labels; yours by default'),
  tz: z
    .string()
    .max(64)
    .refine((v) => isTimeZone(v), 'not a known time zone (IANA, e.g. Asia/Shanghai)')
    .optional()
    .describe('the time zone of exported times (IANA, e.g. Asia/Shanghai); UTC by default'),
}

/** Whether `tz` is an IANA time zone this runtime knows. */
function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Strips optional/nullable/default wrappers to reach the schema that says what a field holds. */
function inner(s: z.ZodType): z.ZodType {
  let t: any = s
  while (['optional', 'nullable', 'default', 'readonly'].includes(t?.def?.type)) t = t.def.innerType
  return t
}

/**
 * The columns of an export: one per record field, in the record schema's order, with object fields
 * (money, potential, health) flattened to `field.sub` columns. Without a schema, the first records' keys.
 * @example exportColumns(Account).map((c) => c.header) // [..., 'annualSpend.amount', 'annualSpend.currency', ...]
 */
export function exportColumns(record: z.ZodObject | undefined, sample: Rec[] = []): ExportColumn[] {
  const shape: Record<string, z.ZodType | undefined> = record
    ? record.shape
    : Object.fromEntries([...new Set(sample.flatMap((r) => Object.keys(r)))].map((k) => [k, undefined]))
  return Object.entries(shape).flatMap(([key, schema]): ExportColumn[] => {
    const t: any = schema ? inner(schema) : undefined
    if (t?.def?.type === 'object') {
      return Object.keys(t.shape).map((sub) => ({
        header: `${key}.${sub}`,
        get: (r) => (r[key] as Rec | null | undefined)?.[sub],
      }))
    }
    return [{ header: key, get: (r) => r[key] }]
  })
}

/**
 * The `custom` column replaced by one column per custom field, headed `custom.<key>` (the importer reads
 * it back); money as its amount. Values of deleted fields are not exported.
 */
export function withCustomColumns(columns: ExportColumn[], fields: { key: string }[]): ExportColumn[] {
  return columns.flatMap((col) =>
    col.header !== 'custom'
      ? [col]
      : fields.map((f) => ({
          header: `custom.${f.key}`,
          get: (r: Rec) => {
            const v = (r.custom as Rec | undefined)?.[f.key]
            return v && typeof v === 'object' && !Array.isArray(v) && 'amount' in v ? (v as Rec).amount : v
          },
        })),
  )
}

/** A value as a spreadsheet cell: lists joined by "; ", objects as JSON, nothing as empty. */
export function cellValue(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ')
  if (typeof v === 'object') return JSON.stringify(v)
  return v as string | number | boolean
}

/** Text that a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe; numbers stay. */
const csvSafe = (v: string | number | boolean) =>
  typeof v === 'string' && /^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v) ? `'${v}` : v

/** Pages through the list with the export's filters, 500 at a time, up to EXPORT_MAX_ROWS records. */
async function* pages(
  c: Collection<any, any, any>,
  db: Db,
  ctx: Ctx,
  q: ListQuery,
  first: { data: Rec[]; nextCursor: string | null },
) {
  yield first.data
  let n = first.data.length
  let cursor = first.nextCursor
  while (cursor && n < EXPORT_MAX_ROWS) {
    const page = await c.list(db, ctx, { ...q, limit: Math.min(PAGE, EXPORT_MAX_ROWS - n), cursor })
    yield page.data as Rec[]
    n += page.data.length
    cursor = page.nextCursor
  }
}

/** Each page after `prepare` has run on it (the names a view's columns show). */
async function* prepared(source: AsyncGenerator<Rec[]>, prepare?: (recs: Rec[]) => Promise<void>) {
  for await (const recs of source) {
    if (prepare && recs.length) await prepare(recs)
    yield recs
  }
}

export function csvStream(columns: ExportColumn[], source: AsyncGenerator<Rec[]>) {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${Papa.unparse([columns.map((c) => c.header)])}\r\n`
      for await (const recs of source) {
        if (recs.length === 0) continue
        yield `${Papa.unparse(recs.map((r) => columns.map((c) => csvSafe(cellValue(c.get(r))))))}\r\n`
      }
    })(),
  )
}

export function xlsxStream(name: string, columns: ExportColumn[], source: AsyncGenerator<Rec[]>) {
  const out = new PassThrough()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  })
  const sheet = wb.addWorksheet(name)
  sheet.addRow(columns.map((c) => c.header)).commit()
  void (async () => {
    for await (const recs of source)
      for (const r of recs) sheet.addRow(columns.map((c) => cellValue(c.get(r)))).commit()
    sheet.commit()
    await wb.commit()
  })().catch((err) => out.destroy(err))
  return out
}

/**
 * GET /api/v1/<collection>/export?format=csv|xlsx with the list's filters, sort, search and trash
 * parameters: every matching record the person may read (up to 100,000), as a download. CSV is UTF-8
 * with a BOM so that Excel shows Chinese correctly. Register it before the collection's `/:id` routes.
 */
export function registerExportRoute(app: App, db: Db, c: Collection<any, any, any>, record?: z.ZodObject) {
  const query = listQuerySchema(c, { paging: false, extra: exportParams })
  app.get(
    `/api/v1/${c.def.name}/export`,
    {
      schema: {
        tags: [c.def.name],
        summary: `Export ${c.def.name} (the list's filters, sort, search and columns) as CSV or Excel`,
        querystring: query,
        produces: ['text/csv', XLSX_TYPE],
        response: {
          200: z.string().describe(`the file, at most ${EXPORT_MAX_ROWS} records`),
          400: Problem,
          401: Problem,
          403: Problem,
          // A sort or column naming a custom field the object does not have.
          404: Problem,
        },
      } as never,
    },
    async (req, reply) => sendExport(db, c, record, req, reply),
  )
}

/**
 * Streams the export of a collection for a request whose query holds `format` and the list's
 * parameters (also used by custom objects' records, whose collection is found per request).
 */
export async function sendExport(
  db: Db,
  c: Collection<any, any, any>,
  record: z.ZodObject | undefined,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const {
    format,
    columns: paths,
    ids,
    lang,
    tz,
    ...filters
  } = req.query as {
    format: 'csv' | 'xlsx'
    columns?: string
    ids?: 'true' | 'false'
    lang?: 'en' | 'zh-CN'
    tz?: string
  } & Omit<ListQuery, 'limit'>
  const q = { ...filters, limit: PAGE } as ListQuery
  // The columns (and a bad one's 400) before any record is read.
  const view =
    paths !== undefined && exportView
      ? await exportView(
          db,
          req.ctx,
          c.def.name,
          paths.split(',').map((p) => p.trim()),
          { ids: ids === 'true', lang: lang ?? messageLanguage(req), timeZone: tz ?? 'UTC' },
        )
      : null
  // The first page before any byte is sent, so a bad filter still answers 400 problem+json.
  const first = (await c.list(db, req.ctx, q)) as { data: Rec[]; nextCursor: string | null }
  // Columns of hidden fields are left out altogether (field-level security), not just left empty.
  const visible = (field: string) => fieldAccessOf(req.ctx.principal, c.def.name, field) !== 'hidden'
  const columns =
    view?.columns ??
    withCustomColumns(
      exportColumns(record, first.data).filter((col) => visible(col.header.split('.')[0]!)),
      (customFields()?.fields(req.ctx.ws, c.def.name) ?? []).filter((f) => visible(`custom.${f.key}`)),
    )
  const source = prepared(pages(c, db, req.ctx, q, first), view?.prepare)
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  reply
    .header('content-disposition', `attachment; filename="${c.def.name}-${stamp}.${format}"`)
    .header('cache-control', 'no-store')
  if (format === 'xlsx') return reply.type(XLSX_TYPE).send(xlsxStream(c.def.name, columns, source))
  return reply.type('text/csv; charset=utf-8').send(csvStream(columns, source))
}
