import fs from 'node:fs'
import path from 'node:path'
import { ImportMapping, type Import } from '@openkam/contract'
import type { Principal } from '../../core/access/permissions'
import { AppError } from '../../core/errors'
import type { Ctx } from '../../core/context'
import type { Db } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { findWorkspaceBySlug } from '../workspaces'
import { principalByEmail } from '../users'
import { startImport } from './import.service'
import { importableObjects } from './import-objects'

export type ImportCommandOptions = {
  workspace: string
  as: string
  object: string
  file: string
  mapping?: string
  validRows?: boolean
  dryRun?: boolean
  onDuplicate?: string
  /** A saved mapping by name (or id). */
  source?: string
}

const usage = (message: string) => new AppError('invalid', 'usage', message)

/** The principal of a person found by e-mail, for commands run on the server itself. */
async function principalOf(db: Db, ws: string, email: string): Promise<Principal> {
  const p = await principalByEmail(db, ws, email)
  if (!p) throw usage(`No active user ${email} in this workspace; pass --as with the e-mail of a member`)
  return p
}

function readMapping(file: string | undefined) {
  if (!file) return undefined
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw usage(`Cannot read the mapping ${file}: ${(err as Error).message}`)
  }
  const m = ImportMapping.safeParse(json)
  if (!m.success) throw usage(`The mapping ${file} must be a JSON object {"column header": "field"}`)
  return m.data
}

/**
 * `openkam import`: the same import as POST /imports, run as the given person, printing progress and
 * a summary. Returns the exit code: 0 when every row was accepted, 1 when rows were refused.
 */
export async function importCommand(
  db: Db,
  events: EventSink,
  opts: ImportCommandOptions,
  out: (line: string) => void,
): Promise<number> {
  if (opts.onDuplicate && !['report', 'skip', 'update'].includes(opts.onDuplicate))
    throw usage('--on-duplicate must be report, skip or update')
  const ws = await findWorkspaceBySlug(db, opts.workspace)
  if (!ws) throw usage(`No workspace with the slug "${opts.workspace}"`)
  // The built-in objects the importer takes, or one of the workspace's custom objects (by key).
  const objects = await importableObjects(db, ws.id)
  const object = opts.object.trim()
  if (!objects.includes(object)) throw usage(`--object must be one of ${objects.join(', ')}`)
  const ctx: Ctx = { ws: ws.id, principal: await principalOf(db, ws.id, opts.as), events }
  let content: Buffer
  try {
    content = fs.readFileSync(opts.file)
  } catch (err) {
    throw usage(`Cannot read ${opts.file}: ${(err as Error).message}`)
  }
  let last = ''
  const progress = (r: Import) => {
    const line = `${r.status}: ${r.processed}/${r.total} rows`
    if (line !== last && r.status !== 'done' && r.status !== 'failed') out(line)
    last = line
  }
  const started = Date.now()
  const { record, done } = await startImport(
    db,
    ctx,
    {
      object,
      fileName: path.basename(opts.file),
      content,
      mapping: readMapping(opts.mapping),
      mode: opts.validRows ? 'valid_rows' : 'all_or_nothing',
      onDuplicate: opts.onDuplicate === 'skip' || opts.onDuplicate === 'update' ? opts.onDuplicate : 'report',
      dryRun: Boolean(opts.dryRun),
      source: opts.source,
      channel: 'cli',
    },
    { onProgress: progress },
  )
  out(`Importing ${record.total} ${object} from ${record.fileName} (import ${record.id})`)
  const r = await done
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  out(
    `${r.status === 'done' ? 'Done' : 'Failed'} in ${seconds} s: ${r.created} created, ${r.updated} updated, ` +
      `${r.skippedDuplicates} duplicates skipped, ${r.failed} refused of ${r.total} rows.`,
  )
  if (r.message) out(r.message)
  if (r.errors.length) {
    out('Report (row, column: message):')
    for (const e of r.errors) out(`  row ${e.row}, ${e.column ?? '-'}: ${e.message}`)
    if (r.errorCount > r.errors.length) out(`  … and ${r.errorCount - r.errors.length} more`)
  }
  return r.failed > 0 || r.status === 'failed' ? 1 : 0
}
