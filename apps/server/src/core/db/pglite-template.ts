import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { migrationsFolder, serverRoot } from './paths'

/**
 * A migrated, empty embedded cluster — the schema and pg-boss's schema and queues, no business data —
 * kept as a tar file, so that a new embedded database (a new data folder, or an in-memory one in tests)
 * is unpacked in a fraction of a second instead of running initdb, every migration and the queue set-up
 * (about 3 s). Queues added since the template was made are created at start as usual. The file is a cache: it lives in node_modules/.cache, is named
 * after the PGlite version and the migrations it holds (a new migration makes a new one), is written
 * atomically by whichever process first needs it, and is never required — without it the database is
 * created the ordinary way. OPENKAM_PGLITE_TEMPLATE=off turns it off.
 */
let key: string | undefined

function templateKey(): string {
  if (key) return key
  const hash = crypto.createHash('sha256')
  const pkg = path.join(serverRoot(), '..', '..', 'node_modules', '@electric-sql', 'pglite', 'package.json')
  const boss = path.join(serverRoot(), '..', '..', 'node_modules', 'pg-boss', 'package.json')
  for (const p of [pkg, boss])
    hash.update(fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')).version : 'unknown')
  const dir = migrationsFolder()
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    hash.update(f).update(fs.readFileSync(path.join(dir, f)))
  }
  key = hash.digest('hex').slice(0, 16)
  return key
}

const enabled = () => process.env.OPENKAM_PGLITE_TEMPLATE !== 'off'

export function templateFile(): string {
  return path.join(
    serverRoot(),
    '..',
    '..',
    'node_modules',
    '.cache',
    'openkam',
    `pglite-${templateKey()}.tar`,
  )
}

/** The template's bytes when there is one for the current migrations. */
export function readTemplate(): Blob | undefined {
  if (!enabled()) return undefined
  try {
    return new Blob([fs.readFileSync(templateFile())])
  } catch {
    return undefined
  }
}

/**
 * Saves a just-migrated, still empty cluster as the template (the runtime calls it after the job queues
 * are made and before anything else writes). A failure only costs the next start its speed, so it is reported and swallowed.
 */
export async function writeTemplate(client: PGlite): Promise<void> {
  if (!enabled()) return
  const file = templateFile()
  if (fs.existsSync(file)) return
  try {
    const dump = await client.dumpDataDir('none')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
    fs.renameSync(tmp, file)
    // Templates of earlier migrations are of no further use.
    for (const f of fs.readdirSync(path.dirname(file))) {
      if (/^pglite-[0-9a-f]{16}\.tar$/.test(f) && path.join(path.dirname(file), f) !== file)
        fs.rmSync(path.join(path.dirname(file), f), { force: true })
    }
  } catch (err) {
    console.warn(`Could not save the embedded database template (${(err as Error).message}); continuing.`)
  }
}
