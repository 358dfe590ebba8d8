import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../core/config'
import { startRuntime, type Runtime } from '../../../runtime'
import { testDatabaseUrl } from '../../../../test/harness'

let rt: Runtime

beforeAll(async () => {
  const url = await testDatabaseUrl()
  rt = await startRuntime(
    loadConfig({
      OPENKAM_DATA_DIR: 'memory://',
      OPENKAM_LOG_LEVEL: 'silent',
      ...(url ? { DATABASE_URL: url } : {}),
    }),
    { role: 'embedded', demo: true, pollingIntervalSeconds: 0.5 },
  )
})
afterAll(() => rt?.stop())

describe('the demo’s service levels', () => {
  it('gives every ticket due times and shows open tickets met, at risk and breached across tiers', async () => {
    const rows = (
      (await rt.database.db.execute(sql`
        select coalesce(a.tier, 'none') as tier, t.status, t.sla_status as "slaStatus", count(*)::int as n,
          count(*) filter (where t.resolution_due_at is null)::int as "noDue"
        from tickets t join accounts a on a.workspace_id = t.workspace_id and a.id = t.account_id
        group by 1, 2, 3 order by 1, 2, 3`)) as unknown as { rows: Record<string, any>[] }
    ).rows
    expect(rows.reduce((s, r) => s + r.noDue, 0)).toBe(0)
    const open = rows.filter((r) => r.status === 'new' || r.status === 'open')
    for (const s of ['ok', 'at_risk', 'breached'])
      expect(
        open.some((r) => r.slaStatus === s),
        `an open ticket ${s}`,
      ).toBe(true)
    const tiersWith = (s: string) => new Set(open.filter((r) => r.slaStatus === s).map((r) => r.tier))
    expect(tiersWith('breached').size).toBeGreaterThanOrEqual(2)
    expect(rows.some((r) => r.slaStatus === 'paused')).toBe(true)
  })
})
