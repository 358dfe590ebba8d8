// Trigger to action: how long after a record is written a rule's action has happened, with the worker
// running in the server process (the embedded role). Each sample is one account created through the API
// and the task a rule creates for it; the latency is the task's createdAt minus the account's createdAt
// (both stamped by the same server process).
import { quantile } from './stats'

export type RuleLatency = { p50: number; p95: number; max: number; count: number; missing: number }

const SAMPLES = 40
const GAP_MS = 150

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = (await res.json()) as any
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`)
  return json
}

export async function timeRuleLatency(url: string, token: string): Promise<RuleLatency> {
  const tag = `bench-rule-${Date.now()}`
  const rule = await call(url, token, 'POST', '/api/v1/rules', {
    name: `Bench: trigger to action (${tag})`,
    trigger: { kind: 'record_created', entity: 'account' },
    conditions: { all: [{ field: 'name', op: 'contains', value: tag }] },
    actions: [
      { type: 'create_task', task: { title: 'Bench task for {{record.name}}', assignee: { kind: 'owner' } } },
    ],
  })
  try {
    const accounts: { id: string; createdAt: string }[] = []
    for (let i = 0; i < SAMPLES; i++) {
      accounts.push(await call(url, token, 'POST', '/api/v1/accounts', { name: `${tag} ${i}` }))
      await new Promise((r) => setTimeout(r, GAP_MS))
    }
    const wanted = new Map(accounts.map((a) => [a.id, Date.parse(a.createdAt)]))
    const latencies = new Map<string, number>()
    const deadline = Date.now() + 60_000
    while (latencies.size < wanted.size && Date.now() < deadline) {
      const ids = [...wanted.keys()].filter((id) => !latencies.has(id))
      const page = await call(
        url,
        token,
        'GET',
        `/api/v1/tasks?source=rule&limit=500&accountId=${ids.join(',')}`,
      )
      for (const t of page.data)
        latencies.set(t.accountId, Date.parse(t.createdAt) - wanted.get(t.accountId)!)
      if (latencies.size < wanted.size) await new Promise((r) => setTimeout(r, 250))
    }
    const sorted = [...latencies.values()].sort((a, b) => a - b)
    return {
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted.at(-1) ?? NaN,
      count: sorted.length,
      missing: wanted.size - latencies.size,
    }
  } finally {
    await call(url, token, 'PATCH', `/api/v1/rules/${rule.id}`, { version: rule.version, enabled: false })
  }
}

export type HealthRecompute = { ms: number; accounts: number }

/**
 * The nightly health recompute of the whole workspace, run now through `POST /api/v1/jobs/run` (which
 * answers when the job has finished): derived metrics refreshed, every account scored, snapshots written.
 */
export async function timeHealthRecompute(url: string, token: string): Promise<HealthRecompute> {
  const t0 = performance.now()
  const res = await call(url, token, 'POST', '/api/v1/jobs/run', { job: 'health_recompute' })
  return { ms: performance.now() - t0, accounts: Number(res.result?.accounts ?? 0) }
}
