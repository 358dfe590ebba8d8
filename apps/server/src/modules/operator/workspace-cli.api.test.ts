import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dbKind, loginAs, startTestApp, type TestEnv } from '../../../test/harness'
import { runOpenkam } from '../../../test/openkam-process'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-workspace-'))
const dataDir = path.join(dir, 'data')
let env: TestEnv | undefined
afterAll(async () => {
  await env?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** The openkam command: the embedded database in the temporary folder, or PostgreSQL at `url`. */
const openkam = (url: string | undefined, ...args: string[]) =>
  runOpenkam(args, { OPENKAM_DATA_DIR: dataDir, DATABASE_URL: url ?? '' })
const passwordIn = (out: string) =>
  /initial password \(shown once, stored only as a hash\): (\S+)/.exec(out)?.[1]

describe('openkam workspace create, as a process', () => {
  it.runIf(dbKind === 'pglite')(
    'creates a workspace in the embedded database while the server is stopped; its administrator signs in after the start',
    async () => {
      const made = await openkam(
        undefined,
        'workspace',
        'create',
        '--name',
        'Spawned Co',
        '--admin-email',
        'ADMIN@spawned.test',
        '--lang',
        'en',
      )
      expect(made.err).toBe('')
      expect(made.code).toBe(0)
      const password = passwordIn(made.out)!
      env = await startTestApp({ env: { OPENKAM_DATA_DIR: dataDir } })
      const admin = await loginAs(env.app, 'admin@spawned.test', password)
      expect((await admin.get('/api/v1/auth/me')).body.workspace).toMatchObject({
        name: 'Spawned Co',
        slug: 'spawned-co',
      })
      // While the server holds the folder, the command says so and changes nothing.
      const locked = await openkam(undefined, 'workspace', 'list')
      expect(locked.code).toBe(1)
      expect(locked.err).toMatch(/is using the data folder .*\. Stop it first/)
    },
  )

  it.runIf(dbKind === 'postgres')(
    'creates a workspace in PostgreSQL beside a running server, whose administrator signs in there at once',
    async () => {
      env = await startTestApp()
      const url = env.config.databaseUrl!
      const made = await openkam(
        url,
        'workspace',
        'create',
        '--name',
        'Spawned PG',
        '--admin-email',
        'admin@spawned-pg.test',
        '--template',
        'saas',
      )
      expect(made.code).toBe(0)
      const admin = await loginAs(env.app, 'admin@spawned-pg.test', passwordIn(made.out)!)
      expect((await admin.get('/api/v1/auth/me')).body.workspace.slug).toBe('spawned-pg')
      const again = await openkam(
        url,
        'workspace',
        'create',
        '--name',
        'spawned pg',
        '--admin-email',
        'b@x.test',
      )
      expect(again).toMatchObject({
        code: 3,
        err: 'A workspace named "Spawned PG" exists already; choose another name\n',
      })
      expect(again.out).not.toMatch(/password/)
    },
  )
})
