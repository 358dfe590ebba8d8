// The real server under the bench's loads: started on the generated database, restarted, measured — and
// measured again on a new start when something outside stopped it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, type Server } from './http-timing'
import { label, type Target } from './workspace'

const ATTEMPTS = 3

/**
 * The real server: its first start on the generated database, a restart, then the loads. When the server
 * stops while being measured (the machine is shared; something outside may stop it), the loads are
 * discarded and run again on a new start, at most ATTEMPTS times; `notes` says so.
 */
export async function timeApi<X>(
  t: Target,
  log: (line: string) => void,
  loads: (url: string, attempt: number, server: Server) => Promise<X>,
) {
  log(`${label(t)}: timing the API`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-api-'))
  // Its Prometheus endpoint on a free port of its own: the memory's parts under load are read from it.
  const env = { OPENKAM_METRICS_PORT: '0' }
  const options =
    t.kind === 'pglite' ? { dataDir: t.dataDir, env } : { dataDir: scratch, databaseUrl: t.url, env }
  const notes: string[] = []
  try {
    const first = startServer(options)
    const { ms: firstStartMs } = await first.ready
    await first.stop()
    for (let attempt = 1; ; attempt++) {
      const server = startServer(options)
      const { url, ms: startMs } = await server.ready
      let failure: unknown
      try {
        const timings = await loads(url, attempt, server)
        if (!server.lost()) return { firstStartMs, startMs, notes, ...timings }
      } catch (err) {
        failure = err
      } finally {
        await server.stop()
      }
      const lost = server.lost()
      if (!lost) throw failure
      const note = `${label(t)}: the server stopped during the API timings (${lost}); measured again`
      if (attempt === ATTEMPTS) throw new Error(`${note.replace('; measured again', '')} ${ATTEMPTS} times`)
      log(`  ${note}`)
      notes.push(note)
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
