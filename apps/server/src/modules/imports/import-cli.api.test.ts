import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dbKind } from '../../../test/harness'
import { runOpenkam } from '../../../test/openkam-process'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-import-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Runs the openkam command against the temporary data folder; resolves with exit code and output. */
async function openkam(...args: string[]): Promise<{ code: number | null; out: string }> {
  const r = await runOpenkam(args, { OPENKAM_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' })
  return { code: r.code, out: r.all }
}

const file = (name: string, text: string) => {
  const p = path.join(dir, name)
  fs.writeFileSync(p, text)
  return p
}

describe.runIf(dbKind === 'pglite')('openkam import', () => {
  it('imports a file as a member of the workspace, printing progress, a summary and the report', async () => {
    expect((await openkam('seed', '--demo', '--lang', 'en')).code).toBe(0)
    const as = ['--workspace', 'demo', '--as', 'admin@demo.openkam.local', '--object', 'accounts']

    const good = file('good.csv', 'Company,Sector,Tier\nCLI One,retail,growth\nCLI Two,finance,\n')
    const mapping = file('mapping.json', JSON.stringify({ Company: 'name', Sector: 'industry' }))
    const ok = await openkam('import', ...as, '--file', good, '--mapping', mapping)
    expect(ok.out).toMatch(/Importing 2 accounts from good\.csv/)
    expect(ok.out).toMatch(/validating: 2\/2 rows/)
    expect(ok.out).toMatch(
      /Done in [\d.]+ s: 2 created, 0 updated, 0 duplicates skipped, 0 refused of 2 rows/,
    )
    expect(ok.code).toBe(0)

    const bad = file('bad.csv', 'name,industry\n,retail\nCLI Three,mining\nCLI Four,saas\nCLI One,\n')
    const refused = await openkam('import', ...as, '--file', bad)
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/3 of 4 rows were refused; nothing was imported/)
    expect(refused.out).toMatch(/row 2, name: is required/)
    expect(refused.out).toMatch(/row 3, industry: Invalid option/)
    expect(refused.out).toMatch(/row 5, name: duplicate of the existing account "CLI One"/)

    const some = await openkam('import', ...as, '--file', bad, '--valid-rows', '--dry-run')
    expect(some.out).toMatch(/Dry run: 1 of 4 rows would be imported/)
    const valid = await openkam('import', ...as, '--file', bad, '--valid-rows')
    expect(valid.out).toMatch(/1 created, 0 updated, 1 duplicates skipped, 2 refused of 4 rows/)
    expect(valid.code).toBe(1)

    const leadFile = file('leads.csv', '姓名,公司,邮箱\nCLI Lead,CLI Lead Co,cli.lead@cli-lead.cn\n')
    const leadsAs = [...as.slice(0, -1), 'leads']
    const leads = await openkam('import', ...leadsAs, '--file', leadFile)
    expect(leads.out).toMatch(/Importing 1 leads from leads\.csv/)
    expect(leads.out).toMatch(
      /Done in [\d.]+ s: 1 created, 0 updated, 0 duplicates skipped, 0 refused of 1 rows/,
    )
    expect(leads.code).toBe(0)
    const widgets = await openkam('import', ...as.slice(0, -1), 'widgets', '--file', leadFile)
    expect(widgets.code).toBe(1)
    expect(widgets.out).toMatch(/--object must be one of accounts, contacts, activities, leads/)

    const stranger = await openkam(
      'import',
      '--workspace',
      'demo',
      '--as',
      'nobody@x.test',
      '--object',
      'accounts',
      '--file',
      good,
    )
    expect(stranger.code).toBe(1)
    expect(stranger.out).toMatch(/No active user nobody@x\.test in this workspace/)
  }, 300_000) // eight processes, each opening the embedded database: minutes on a loaded machine
})
