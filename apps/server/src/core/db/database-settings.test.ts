import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config'

const primary = 'postgres://app@db:5432/openkam'

describe('database settings (read replica, pooler)', () => {
  it.each([
    [{}, true],
    [{ OPENKAM_PG_PREPARED: 'off' }, false],
    [{ DATABASE_URL: `${primary}?pgbouncer=true` }, false],
    [{ DATABASE_URL: `${primary}?pgbouncer=true`, OPENKAM_PG_PREPARED: 'on' }, true],
  ])('turns named statements on or off for %j', (env, prepared) => {
    expect(loadConfig({ DATABASE_URL: primary, ...env }).pgPrepared).toBe(prepared)
  })
  it('reads the replica and the direct URL with a 10 s lag limit unless told otherwise', () => {
    const c = loadConfig({
      DATABASE_URL: primary,
      DATABASE_READ_URL: 'postgres://app@replica/openkam',
      DATABASE_DIRECT_URL: 'postgresql://app@db-direct/openkam',
    })
    expect([c.databaseReadUrl, c.databaseDirectUrl, c.readMaxLagSeconds]).toEqual([
      'postgres://app@replica/openkam',
      'postgresql://app@db-direct/openkam',
      10,
    ])
  })
  it('refuses a replica without a primary, and a URL that is not PostgreSQL’s, naming the setting', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/x' })).toThrow(/DATABASE_READ_URL/)
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://x' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: primary, OPENKAM_READ_MAX_LAG_SECONDS: '-1' })).toThrow(
      /OPENKAM_READ_MAX_LAG_SECONDS/,
    )
  })
})
