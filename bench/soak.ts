// npm run soak: the real server (demo workspace, PostgreSQL by default) under a mixed load of reads and writes
// for SOAK_SECONDS (default 600) at SOAK_CLIENTS (default 50), with the demo's rules, a webhook endpoint
// subscribed to account events and the job queue running. It fails (exit 1) on any failed answer, on an
// acknowledged write whose event never reached the webhook, or on memory that grows more than 10% once warm;
// the figures go to docs/operations.md ("Soak").
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { adminQuery, startCluster } from '../apps/server/test/pg-cluster'
import { startReceiver } from '../apps/server/test/receivers'
import { signIn, startServer } from './http-timing'
import { summarize } from './stats'

const root = path.resolve(import.meta.dirname, '..')
const seconds = Number(process.env.SOAK_SECONDS ?? 600)
const clients = Number(process.env.SOAK_CLIENTS ?? 50)
const onPglite = process.env.SOAK_DB === 'pglite'
const log = (line: string) => console.log(line)

/** Resident memory of a process in MB, from /proc (Linux). */
const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

type Op = 'list' | 'get' | '360' | 'update' | 'create'
/** Of every 20 requests: 6 lists, 5 gets, 3 360° reads, 4 updates, 2 creates. */
const MIX: Op[] = ['list', 'get', '360', 'update', 'list', 'get', 'create', 'list', '360', 'update']
const MIX20: Op[] = [...MIX, 'list', 'get', '360', 'update', 'list', 'get', 'create', 'list', 'get', 'update']

async function main() {
  const cluster = onPglite || process.env.DATABASE_URL ? undefined : await startCluster()
  const base = process.env.DATABASE_URL?.replace(/\/[^/]*$/, '') ?? cluster?.url
  if (base) {
    await adminQuery(base, 'drop database if exists openkam_soak')
    await adminQuery(base, 'create database openkam_soak')
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-soak-'))
  const receiver = await startReceiver(() => ({ status: 200, body: { ok: true } }))
  const server = startServer({
    dataDir,
    demo: true,
    databaseUrl: base ? `${base}/openkam_soak` : undefined,
    env: { OPENKAM_OUTBOUND_ALLOW: '127.0.0.0/8' },
  })
  try {
    const { url } = await server.ready
    const token = await signIn(url, 'admin@demo.openkam.local', 'openkam-demo')
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${url}${p}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, json: text ? JSON.parse(text) : null, text }
    }
    const hook = await call('POST', '/api/v1/webhooks', {
      name: 'Soak receiver',
      kind: 'webhook',
      url: `${receiver.url}/soak`,
      events: ['account.created', 'account.updated'],
    })
    if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${hook.text}`)
    const listed = await call('GET', '/api/v1/accounts?limit=200&sort=-updatedAt')
    const ids: string[] = listed.json.data.map((a: { id: string }) => a.id)
    log(`Soak: ${clients} clients for ${seconds} s on ${base ? 'PostgreSQL' : 'PGlite'} (${url})`)

    const latencies: number[] = []
    const failures: string[] = []
    const created = new Set<string>()
    let updates = 0
    const memory: { at: number; mb: number }[] = []
    const started = performance.now()
    const deadline = started + seconds * 1000
    const sampler = setInterval(
      () => memory.push({ at: performance.now() - started, mb: rssOf(server.pid) }),
      5000,
    )
    const client = async (c: number) => {
      // Each client updates only the accounts it created, so no two clients race for one version.
      const mine: { id: string; version: number }[] = []
      for (let n = 0; performance.now() < deadline; n++) {
        let op = MIX20[(n + c) % MIX20.length]!
        if (op === 'update' && !mine.length) op = 'create'
        const t0 = performance.now()
        const id = ids[(n * 7 + c) % ids.length]!
        let r: Awaited<ReturnType<typeof call>>
        try {
          if (op === 'list') r = await call('GET', '/api/v1/accounts?sort=-updatedAt&limit=50')
          else if (op === 'get') r = await call('GET', `/api/v1/accounts/${id}`)
          else if (op === '360') r = await call('GET', `/api/v1/accounts/${id}/360`)
          else if (op === 'create') r = await call('POST', '/api/v1/accounts', { name: `Soak ${c}-${n}` })
          else {
            const a = mine[n % mine.length]!
            r = await call('PATCH', `/api/v1/accounts/${a.id}`, {
              version: a.version,
              website: `https://soak-${n}.example`,
            })
          }
        } catch (err) {
          failures.push(`${op}: ${String(err)}`)
          continue
        }
        if (r.status >= 300) {
          failures.push(`${op} ${r.status} ${r.text.slice(0, 200)}`)
          continue
        }
        latencies.push(performance.now() - t0)
        if (op === 'create') {
          created.add(r.json.id)
          mine.push({ id: r.json.id, version: r.json.version })
        } else if (op === 'update') {
          updates++
          mine.find((a) => a.id === r.json.id)!.version = r.json.version
        }
      }
    }
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)))
    clearInterval(sampler)
    const load = summarize(latencies, (performance.now() - started) / 1000, failures.length)
    log(
      `Load done: ${latencies.length} answers, ${failures.length} failed; waiting for the webhook deliveries…`,
    )

    // Every acknowledged write's event must reach the endpoint (the outbox, the job queue, the delivery job).
    const events = () => receiver.requests.filter((r) => r.url === '/soak').map((r) => r.json)
    const wanted = () => {
      const seen = new Set(
        events()
          .filter((e) => e.type === 'account.created')
          .map((e) => e.entityId),
      )
      const updated = events().filter((e) => e.type === 'account.updated' && created.has(e.entityId)).length
      return {
        missingCreates: [...created].filter((id) => !seen.has(id)).length,
        missingUpdates: updates - updated,
      }
    }
    // Which queues hold the backlog (PostgreSQL only: the embedded database is the server's own).
    const backlog = async () => {
      if (!base) return ''
      const r = await adminQuery(
        base,
        `select name, count(*)::int as n from pgboss.job where state in ('created','retry','active') group by name order by n desc limit 8`,
        'openkam_soak',
      )
      return r.rows.map((x: { name: string; n: number }) => `${x.name} ${x.n}`).join(', ')
    }
    log(`Queued at the end of the load: ${(await backlog()) || 'none'}`)
    const drainStarted = performance.now()
    while (
      (wanted().missingCreates > 0 || wanted().missingUpdates > 0) &&
      performance.now() - drainStarted < 180_000
    )
      await new Promise((r) => setTimeout(r, 1000))
    const drainSeconds = (performance.now() - drainStarted) / 1000
    const { missingCreates, missingUpdates } = wanted()
    const eventIds = events().map((e) => e.id)
    const duplicates = eventIds.length - new Set(eventIds).size

    // Memory once warm: the first fifth of the run is warm-up; flat means the last quarter's mean is within
    // 10% of the mean of the quarter after the warm-up.
    const warm = memory.filter((m) => m.at > seconds * 200)
    const quarter = Math.max(1, Math.floor(warm.length / 4))
    const mean = (xs: { mb: number }[]) => xs.reduce((s, m) => s + m.mb, 0) / xs.length
    const early = mean(warm.slice(0, quarter))
    const late = mean(warm.slice(-quarter))
    const growth = late / early - 1
    const peak = Math.max(...memory.map((m) => m.mb))

    const ok = failures.length === 0 && missingCreates === 0 && missingUpdates <= 0 && growth <= 0.1
    const rows: [string, string][] = [
      ['database', base ? 'PostgreSQL 15 (throwaway cluster)' : 'PGlite (embedded)'],
      ['clients × duration', `${clients} × ${seconds} s`],
      [
        'answers (2xx)',
        `${load.count} (${Math.round(load.rate)} /s), p50 ${load.p50.toFixed(0)} ms, p95 ${load.p95.toFixed(0)} ms`,
      ],
      ['failed answers', String(failures.length)],
      ['accounts created · updates acknowledged', `${created.size} · ${updates}`],
      ['webhook events received (duplicates)', `${eventIds.length} (${duplicates})`],
      [
        'acknowledged writes whose event had not arrived 3 min after the load',
        String(missingCreates + Math.max(0, missingUpdates)),
      ],
      ['last event delivered after the load', `${drainSeconds.toFixed(1)} s`],
      [
        'API process RSS: warm · end · peak',
        `${early.toFixed(0)} MB · ${late.toFixed(0)} MB · ${peak.toFixed(0)} MB`,
      ],
      ['memory growth once warm (limit 10%)', `${(growth * 100).toFixed(1)}%`],
      ['verdict', ok ? 'passed' : 'FAILED'],
    ]
    for (const [k, v] of rows) log(`${k.padEnd(48)} ${v}`)
    if (failures.length) log(`First failures:\n  ${failures.slice(0, 5).join('\n  ')}`)
    if (!process.env.SOAK_NO_DOC) writeDoc(rows, new Date().toISOString().slice(0, 10))
    process.exitCode = ok ? 0 : 1
  } finally {
    await server.stop()
    await receiver.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (base) await adminQuery(base, 'drop database if exists openkam_soak').catch(() => undefined)
    cluster?.stop()
  }
}

/** Replaces the figures between the soak markers of docs/operations.md. */
function writeDoc(rows: [string, string][], day: string) {
  const file = path.join(root, 'docs/operations.md')
  const doc = fs.readFileSync(file, 'utf8')
  const begin = '<!-- soak:begin -->'
  const end = '<!-- soak:end -->'
  const table = [
    begin,
    `Last run ${day} on a ${os.cpus().length}-core machine (\`npm run soak\`):`,
    '',
    '| measure | figure |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    end,
  ].join('\n')
  const at = doc.indexOf(begin)
  if (at < 0) throw new Error(`docs/operations.md has no ${begin} marker`)
  fs.writeFileSync(file, doc.slice(0, at) + table + doc.slice(doc.indexOf(end) + end.length))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
