import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'
import { auditLog } from '../../core/audit/audit.table'
import { outbox } from '../../core/events/outbox.table'
import { accounts } from '../accounts'
import { principalByEmail } from '../users'
import { undoImport } from './import-undo'
import { uploadFile } from './test-upload'

let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

const run = Math.random().toString(36).slice(2, 7)
const upload = (who: Caller, fields: Record<string, string>, name: string, content: string) =>
  uploadFile(env.app, who, fields, name, content)
const db = () => env.rt.database.db
const byName = async (name: string) =>
  (
    await db()
      .select()
      .from(accounts)
      .where(and(eq(accounts.workspaceId, org.wsId), eq(accounts.name, name)))
  )[0]!

describe('undo of a whole import', () => {
  let importId: string
  let edited: { id: string }
  const names = {
    a: `Undo ${run} new A`,
    b: `Undo ${run} new B`,
    kept: `Undo ${run} kept`,
    edited: `Undo ${run} edited`,
  }

  beforeAll(async () => {
    expect((await org.sales.post('/api/v1/accounts', { name: names.kept, employees: 10 })).status).toBe(201)
    edited = (await org.sales.post('/api/v1/accounts', { name: names.edited, employees: 20 })).body
    const file = [
      'Name,Employees',
      `${names.a},1`,
      `${names.b},2`,
      `${names.kept},11`,
      `${names.edited},21`,
    ].join('\n')
    const res = await upload(org.sales, { object: 'accounts', onDuplicate: 'update' }, 'mixed.csv', file)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'done', created: 2, updated: 2, failed: 0, channel: 'web' })
    importId = res.body.id
    expect((await byName(names.kept)).employees).toBe(11)
    // The system's own handlers (scoring, tiers …) may touch a created record after the import: not a person's change.
    await db()
      .update(accounts)
      .set({ version: sql`${accounts.version} + 1` })
      .where(and(eq(accounts.workspaceId, org.wsId), eq(accounts.name, names.b)))
    // Someone changes one of the updated records after the import.
    const now = (await org.sales.get(`/api/v1/accounts/${edited.id}`)).body
    expect(now.employees).toBe(21)
    const patched = await org.sales.patch(`/api/v1/accounts/${edited.id}`, {
      employees: 25,
      version: now.version,
    })
    expect(patched.status).toBe(200)
  })

  it('lists the import in the history with who ran it and its counts', async () => {
    const list = await org.admin.get('/api/v1/imports?limit=5')
    const rec = list.body.data.find((i: { id: string }) => i.id === importId)
    expect(rec).toMatchObject({
      fileName: 'mixed.csv',
      object: 'accounts',
      created: 2,
      updated: 2,
      createdBy: org.sales.userId,
      createdByName: 'sales',
      undoState: null,
    })
  })

  it('previews, refuses others, then deletes what it created and puts back what it changed', async () => {
    const preview = await org.sales.get(`/api/v1/imports/${importId}/undo-preview`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ total: 4, deleted: 2, restored: 1, skipped: 1 })

    // Another salesperson (not the importer, not an administrator) may not undo it.
    const refused = await org.sales2.post(`/api/v1/imports/${importId}/undo`)
    expect([403, 404]).toContain(refused.status)
    const manager = await org.manager.post(`/api/v1/imports/${importId}/undo`)
    expect(manager.status).toBe(403)
    expect((await byName(names.a)).deletedAt).toBeNull()

    const res = await org.sales.post(`/api/v1/imports/${importId}/undo`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ undoState: 'undone' })
    expect(res.body.undo).toMatchObject({ total: 4, processed: 4, deleted: 2, restored: 1, skipped: 1 })
    expect(res.body.undo.skippedRecords).toEqual([
      { entityId: edited.id, action: 'updated', reason: expect.stringMatching(/changed since the import/) },
    ])

    // Created records: deleted (gone from the API), with an audit entry and an event each, restorable.
    const a = await byName(names.a)
    const b = await byName(names.b)
    expect(a.deletedAt).not.toBeNull()
    expect(b.deletedAt).not.toBeNull()
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).status).toBe(404)
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, org.wsId), inArray(auditLog.entityId, [a.id, b.id])))
    expect(
      audit
        .map((e) => e.action)
        .filter((a) => a === 'create' || a === 'delete')
        .sort(),
    ).toEqual(['create', 'create', 'delete', 'delete'])
    const deleted = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.type, 'account.deleted')))
    expect(deleted.map((e) => e.entityId).sort()).toEqual([a.id, b.id].sort())
    expect((await org.sales.post(`/api/v1/accounts/${a.id}/restore`)).status).toBe(200)
    expect((await byName(names.a)).deletedAt).toBeNull()

    // Updated fields back; the record edited since is left as its editor left it.
    expect((await byName(names.kept)).employees).toBe(10)
    expect((await byName(names.edited)).employees).toBe(25)
  })

  it('changes nothing when undone a second time', async () => {
    // What people did (not what background handlers derive): the undo writes as the person undoing.
    const byPeople = async () =>
      (
        await db()
          .select()
          .from(auditLog)
          .where(
            and(
              eq(auditLog.workspaceId, org.wsId),
              inArray(auditLog.actorId, [org.sales.userId, org.admin.userId]),
            ),
          )
      ).length
    const before = await byPeople()
    const again = await org.admin.post(`/api/v1/imports/${importId}/undo`)
    expect(again.status).toBe(200)
    expect(again.body.undo).toMatchObject({ deleted: 2, restored: 1, skipped: 1 })
    expect(await byPeople()).toBe(before)
    expect((await byName(names.a)).deletedAt).toBeNull() // restored above, not deleted again
    expect((await byName(names.kept)).employees).toBe(10)
  })

  it('undoes a large import after answering, batch by batch; a dry run has nothing to undo', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `Bulk ${run} ${i}`)
    const res = await upload(org.admin, { object: 'accounts' }, 'bulk.csv', ['Name', ...rows].join('\n'))
    expect(res.body).toMatchObject({ status: 'done', created: 7 })
    const principal = (await principalByEmail(db(), org.wsId, `admin@${org.slug}.test`))!
    const ctx = { ws: org.wsId, principal, events: env.rt.events }
    // As the route does above 2,000 records: answered at once, undone in batches (3 records each here).
    const started = await undoImport(db(), ctx, res.body.id, { backgroundAbove: 5, batch: 3 })
    expect(started.background).toBe(true)
    expect(started.record).toMatchObject({ undoState: 'undoing', undo: { total: 7, processed: 0 } })
    // Asked again (while it runs, or after): one undo, each record deleted once.
    const again = await undoImport(db(), ctx, res.body.id, { backgroundAbove: 5, batch: 3 })
    const done = await started.done
    expect((await again.done).undo).toMatchObject({ processed: 7, deleted: 7 })
    expect(done).toMatchObject({ undoState: 'undone', undo: { total: 7, processed: 7, deleted: 7 } })
    const left = await db()
      .select({ deletedAt: accounts.deletedAt })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, org.wsId), inArray(accounts.name, rows)))
    expect(left).toHaveLength(7)
    expect(left.every((r) => r.deletedAt)).toBe(true)

    const dry = await upload(org.admin, { object: 'accounts', dryRun: 'true' }, 'dry.csv', `Name\nDry ${run}`)
    const refused = await org.admin.post(`/api/v1/imports/${dry.body.id}/undo`)
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('import_not_undoable')
  })
})

describe('saved column mappings per source', () => {
  it('applies a saved mapping to the next file with the same headers (any order), by name too', async () => {
    const name = `Salesforce accounts ${run}`
    const made = await org.sales.post('/api/v1/import-mappings', {
      name,
      object: 'accounts',
      headers: ['Acct Label', 'Staff Count', 'Notes'],
      mapping: { 'Acct Label': 'name', 'Staff Count': 'employees', Notes: null },
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ name, object: 'accounts', ownerId: org.sales.userId })

    // Without the mapping the importer cannot tell which column is the name.
    const file = ['Staff Count,Notes,Acct Label', `7,hello,Mapped ${run}`].join('\n')
    const plain = await upload(org.sales, { object: 'contacts' }, 'sf.csv', file)
    expect(plain.status).toBe(400)

    const preview = await env.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview',
      headers: { authorization: `Bearer ${org.sales.token}` },
      payload: { object: 'accounts', content: file, fileName: 'sf.csv' },
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.json()).toMatchObject({
      source: { id: made.body.id, name },
      total: 1,
      errors: [],
      columns: [
        { column: 'Staff Count', field: 'employees', from: 'saved' },
        { column: 'Notes', field: null, from: 'saved' },
        { column: 'Acct Label', field: 'name', from: 'saved' },
      ],
    })

    const res = await upload(org.sales, { object: 'accounts' }, 'sf.csv', file)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ created: 1, sourceId: made.body.id, sourceName: name })
    expect((await byName(`Mapped ${run}`)).employees).toBe(7)

    // Chosen by name for a file with other columns too; an unknown name is a 400 that writes nothing.
    const other = ['Acct Label,Staff Count,Extra', `Named ${run},3,x`].join('\n')
    const named = await upload(org.sales, { object: 'accounts', source: name.toUpperCase() }, 'o.csv', other)
    expect(named.body).toMatchObject({ created: 1, sourceName: name })
    const unknown = await upload(org.sales, { object: 'accounts', source: 'nope' }, 'o.csv', other)
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].path).toBe('source')
  })

  it('lists, renames and deletes mappings; names are unique per object; only the owner or an admin changes one', async () => {
    const made = await org.sales.post('/api/v1/import-mappings', {
      name: `CRM ${run}`,
      object: 'accounts',
      mapping: { Firma: 'name' },
    })
    expect(made.body.headers).toEqual(['Firma'])
    const twin = await org.sales2.post('/api/v1/import-mappings', {
      name: `crm ${run}`,
      object: 'accounts',
      mapping: { Firma: 'name' },
    })
    expect(twin.status).toBe(400)
    const bad = await org.sales.post('/api/v1/import-mappings', {
      name: 'x',
      object: 'nothing',
      mapping: { a: 'name' },
    })
    expect(bad.status).toBe(400)
    const unknownField = await org.sales.post('/api/v1/import-mappings', {
      name: `Bad ${run}`,
      object: 'accounts',
      mapping: { Firma: 'nonsense' },
    })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.errors).toEqual([
      { path: 'mapping.Firma', message: '"nonsense" is not a field of accounts' },
    ])
    const list = await org.sales2.get('/api/v1/import-mappings?object=accounts')
    expect(list.body.data.map((m: { name: string }) => m.name)).toContain(`CRM ${run}`)
    const foreign = await org.sales2.patch(`/api/v1/import-mappings/${made.body.id}`, {
      name: 'mine now',
      version: made.body.version,
    })
    expect([403, 404]).toContain(foreign.status)
    const renamed = await org.sales.patch(`/api/v1/import-mappings/${made.body.id}`, {
      name: `CRM export ${run}`,
      version: made.body.version,
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body.name).toBe(`CRM export ${run}`)
    const del = await org.admin.del(`/api/v1/import-mappings/${made.body.id}`)
    expect(del.status).toBe(200)
    const after = await org.sales.get('/api/v1/import-mappings?object=accounts')
    expect(after.body.data.map((m: { id: string }) => m.id)).not.toContain(made.body.id)
  })
})
