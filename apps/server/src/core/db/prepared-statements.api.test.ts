import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { account360 } from '../../modules/account360'
import { principalByEmail } from '../../modules/users'
import { dbKind, makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { openPostgres } from './postgres'
import type { Database } from './types'

/**
 * On PostgreSQL every parameterised statement is a named prepared statement (prepared-client.ts): a
 * repeated 360° is parsed once per connection and, after PostgreSQL's first few custom plans, runs on
 * one cached generic plan — it is not planned again. Read from the connection's own
 * pg_prepared_statements (one connection, so every statement lands on it).
 */
describe.runIf(dbKind === 'postgres')('prepared hot paths on PostgreSQL', () => {
  let env: TestEnv
  let org: Org
  let one: Database
  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    one = await openPostgres(env.config.databaseUrl!, { poolSize: 1 })
  })
  afterAll(async () => {
    await one?.close()
    await env?.close()
  })

  it('a repeated 360° reuses its statements and their cached plan', async () => {
    const account = (await org.sales.post('/api/v1/accounts', { name: 'Prepared Ltd', tier: 'growth' })).body
    await org.sales.post('/api/v1/contacts', { accountId: account.id, name: 'Ada' })
    const ctx = {
      ws: org.wsId,
      principal: (await principalByEmail(one.db, org.wsId, `sales@${org.slug}.test`))!,
      events: env.rt.events,
    }
    const runs = 12
    for (let i = 0; i < runs; i++) {
      const view = await account360(one.db, ctx, account.id, { limit: 20 })
      expect(view.account.name).toBe('Prepared Ltd')
    }
    const rows = (
      (await one.db.execute(
        sql`select statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements`,
      )) as unknown as { rows: { statement: string; generic: number; custom: number }[] }
    ).rows
    // Every statement of the 360° ran `runs` times under one name; none was parsed anew.
    const executed = rows.filter((r) => r.generic + r.custom === runs)
    expect(executed.length).toBeGreaterThanOrEqual(3)
    // The merged timeline (the statement that dominated planning) switched to its cached generic plan.
    const timeline = rows.find((r) => r.statement.includes('union all') && r.generic + r.custom === runs)
    expect(
      timeline,
      JSON.stringify(rows.map((r) => [r.statement.slice(0, 80), r.generic, r.custom])),
    ).toBeDefined()
    expect(timeline!.custom).toBeLessThanOrEqual(5)
    expect(timeline!.generic).toBeGreaterThanOrEqual(runs - 5)
  })
})
