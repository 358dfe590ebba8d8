import { createHmac, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { startReceiver } from '../../../test/receivers'
import { storedSecrets } from '../../runtime'
import { isSealed, SecretBox, storedSecretBox } from './secret-box'
import { rotateSecrets, sealClearSecrets } from './stored-secrets'

// Defect 2 of issue 22: webhook secrets, robot keys and SMTP passwords were stored as plain text.
let env: TestEnv
let org: Org
const closers: (() => Promise<void>)[] = []
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
}, 60_000)
afterAll(async () => {
  for (const c of closers) await c()
  await env.close()
})

const secret = (what: string) => `${what}-${randomBytes(9).toString('hex')}`
const webhookSecret = secret('whsec')
const robotSecret = secret('SECrobot')
const smtpPassword = secret('smtp-pass')
const smsSecret = secret('sms-secret')
const all = [webhookSecret, robotSecret, smtpPassword, smsSecret]

const rowsOf = async <T>(q: ReturnType<typeof sql>): Promise<T[]> =>
  ((await env.rt.database.db.execute(q)) as unknown as { rows: T[] }).rows

/** Every row of every table of the database (application, audit, outbox and job queue) as text. */
async function everyRow(): Promise<string> {
  const tables = await rowsOf<{ schema: string; name: string }>(
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
  )
  const parts: string[] = []
  for (const t of tables) {
    const rows = await rowsOf<{ row: string }>(
      sql.raw(`select row_to_json(t)::text as row from "${t.schema}"."${t.name}" t`),
    )
    for (const r of rows) parts.push(r.row)
  }
  return parts.join('\n')
}

const answers: string[] = []
const keep = <T extends { body: unknown }>(r: T): T => {
  answers.push(JSON.stringify(r.body))
  return r
}

describe('secrets at rest', () => {
  let hookId = ''
  let rx: Awaited<ReturnType<typeof startReceiver>>

  it('stores webhook and robot secrets, the SMTP password and the SMS secret key sealed', async () => {
    rx = await startReceiver(() => ({ status: 200, body: { errcode: 0 } }))
    closers.push(rx.close)
    const hook = keep(
      await org.admin.post('/api/v1/webhooks', {
        name: 'Signed',
        kind: 'webhook',
        url: `${rx.url}/in`,
        secret: webhookSecret,
      }),
    )
    expect(hook.status).toBe(201)
    hookId = hook.body.id
    keep(
      await org.admin.post('/api/v1/webhooks', {
        name: 'Robot',
        kind: 'dingtalk',
        url: `${rx.url}/robot/send?access_token=t`,
        secret: robotSecret,
      }),
    )
    const settings = keep(await org.admin.get('/api/v1/notification-settings')).body
    const saved = keep(
      await org.admin.put('/api/v1/notification-settings', {
        version: settings.version,
        smtp: {
          host: '127.0.0.1',
          port: 2525,
          secure: false,
          user: 'kam',
          password: smtpPassword,
          from: 'kam@example.com',
        },
        sms: {
          provider: 'aliyun',
          enabled: true,
          accessKeyId: 'LTAI5tTESTKEY',
          accessKeySecret: smsSecret,
          signName: 'OpenKAM',
          templateCode: 'SMS_1',
        },
      }),
    )
    expect(saved.status).toBe(200)
    expect(saved.body.smtp.hasPassword).toBe(true)
    expect(saved.body.sms.hasSecret).toBe(true)
    keep(await org.admin.get('/api/v1/webhooks'))
    keep(await org.admin.get(`/api/v1/webhooks/${hookId}`))
    keep(await org.admin.get('/api/v1/audit?limit=100'))

    const rows = await everyRow()
    // The audit and the outbox did record the webhooks and the settings.
    expect(/"hasSecret": ?true/.test(rows)).toBe(true)
    expect(/"passwordChanged": ?true/.test(rows)).toBe(true)
    for (const s of all) {
      expect(rows.includes(s), s).toBe(false)
      expect(answers.join('\n').includes(s), s).toBe(false)
    }
    // The embedded database's files too (after a checkpoint).
    if (env.rt.database.dumpDataDir) {
      const files = Buffer.from(await (await env.rt.database.dumpDataDir()).arrayBuffer())
      for (const s of all) expect(files.includes(Buffer.from(s)), s).toBe(false)
    }
  })

  it('still signs with the secret it keeps sealed', async () => {
    const test = await org.admin.post(`/api/v1/webhooks/${hookId}/test`)
    expect(test.body.ok).toBe(true)
    const got = rx.requests.at(-1)!
    const ts = got.headers['x-openkam-timestamp']
    const expected = createHmac('sha256', webhookSecret).update(`${ts}.${got.raw}`).digest('hex')
    expect(String(got.headers['x-openkam-signature'])).toContain(expected)
  })

  it('seals secrets an older version stored in clear, at start, and they keep working', async () => {
    const db = env.rt.database.db
    await db.execute(sql`update webhooks set secret = ${webhookSecret} where id = ${hookId}`)
    expect((await everyRow()).includes(webhookSecret)).toBe(true)
    expect(await sealClearSecrets(db, storedSecrets(), storedSecretBox)).toBe(1)
    expect((await everyRow()).includes(webhookSecret)).toBe(false)
    expect((await org.admin.post(`/api/v1/webhooks/${hookId}/test`)).body.ok).toBe(true)
  })

  it('rotates every stored secret to a new key, in one go', async () => {
    const db = env.rt.database.db
    const next = new SecretBox(randomBytes(32))
    const counts = await rotateSecrets(db, storedSecrets(), storedSecretBox(), next)
    expect(counts).toMatchObject({ webhooks: 2, notification_settings: 1 })
    const stored = (
      await rowsOf<{ secret: string }>(
        sql`select secret from webhooks where workspace_id = ${org.wsId} and secret is not null order by name`,
      )
    ).map((r) => r.secret)
    expect(stored.every(isSealed)).toBe(true)
    expect(stored.map((s) => next.open(s)).sort()).toEqual([robotSecret, webhookSecret].sort())
    expect(() => storedSecretBox().open(stored[0]!)).toThrow('cannot be opened with this key')
    // A second run with the same keys changes nothing; a key that opens nothing stops it.
    expect(await rotateSecrets(db, storedSecrets(), storedSecretBox(), next)).toMatchObject({ webhooks: 0 })
    await expect(
      rotateSecrets(db, storedSecrets(), new SecretBox(randomBytes(32)), new SecretBox(randomBytes(32))),
    ).rejects.toThrow('opens with neither the old key nor the new one')
  })
})
