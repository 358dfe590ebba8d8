import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type Res, type TestEnv } from '../../../test/harness'
import { tickets } from '../tickets'
import { portalSessions } from './portal.table'

let env: TestEnv
let org: Org
/** Portal session secrets: two contacts of one account, and a contact of another account. */
let lina: string
let wang: string
let stranger: string
const base = () => `/api/v1/portal/${org.slug}`

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('screenshot '.repeat(40)),
])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('agent manual\n'.repeat(30))])

/** A portal session for a contact, as spending an e-mailed link makes one (the sign-in itself is tested in portal.api.test.ts). */
async function sessionFor(contactId: string, accountId: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url')
  await env.rt.database.db.insert(portalSessions).values({
    workspaceId: org.wsId,
    tokenHash: createHash('sha256').update(secret, 'utf8').digest('hex'),
    contactId,
    accountId,
    expiresAt: new Date(Date.now() + 3_600_000),
  })
  return secret
}

async function portal(method: string, url: string, secret?: string, body?: unknown): Promise<Res> {
  const res = await env.app.inject({
    method: method as 'GET',
    url,
    ...(secret ? { cookies: { openkam_portal: secret } } : {}),
    ...(body === undefined ? {} : { payload: body as object }),
  })
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers }
}

/** A multipart upload of one file as part `field`, to `url`, with a portal cookie or a Bearer token. */
async function upload(
  url: string,
  who: { secret?: string; token?: string },
  name: string,
  content: Buffer,
  field = 'file',
): Promise<Res> {
  const b = `----openkam${randomBytes(6).toString('hex')}`
  const res = await env.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': `multipart/form-data; boundary=${b}`,
      ...(who.token ? { authorization: `Bearer ${who.token}` } : {}),
    },
    ...(who.secret ? { cookies: { openkam_portal: who.secret } } : {}),
    payload: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

const portalUpload = (secret: string, name = 'screen.png', content = PNG) =>
  upload(`${base()}/files`, { secret }, name, content)
const agentUpload = (name: string, content = PDF) =>
  upload('/api/v1/files', { token: org.admin.token }, name, content)

const portalDownload = (secret: string | undefined, id: string) =>
  env.app.inject({
    method: 'GET',
    url: `${base()}/files/${id}`,
    ...(secret ? { cookies: { openkam_portal: secret } } : {}),
  })

const ticketCount = async () => {
  const [row] = await env.rt.database.db.select({ n: sql<number>`count(*)::int` }).from(tickets)
  return row!.n
}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const acc = (await org.admin.post('/api/v1/accounts', { name: 'Attachment Customer Ltd' })).body.id
  const c1 = (
    await org.admin.post('/api/v1/contacts', { accountId: acc, name: '李娜', email: 'li@c.example' })
  ).body.id
  const c2 = (
    await org.admin.post('/api/v1/contacts', { accountId: acc, name: '王伟', email: 'wang@c.example' })
  ).body.id
  const other = (await org.admin.post('/api/v1/accounts', { name: 'Someone Else Ltd' })).body.id
  const c3 = (
    await org.admin.post('/api/v1/contacts', { accountId: other, name: 'Other', email: 'o@e.example' })
  ).body.id
  lina = await sessionFor(c1, acc)
  wang = await sessionFor(c2, acc)
  stranger = await sessionFor(c3, other)
})
afterAll(() => env?.close())

describe('portal attachments', () => {
  it('attaches uploads to a new ticket; the agent sees and opens them', async () => {
    const up = await portalUpload(lina, '报错截图.png')
    expect(up.status, JSON.stringify(up.body)).toBe(201)
    expect(up.body).toEqual({
      id: up.body.id,
      name: '报错截图.png',
      size: PNG.length,
      contentType: 'image/png',
    })

    const made = await portal('POST', `${base()}/tickets`, lina, {
      subject: 'Export fails',
      body: 'See the screenshot',
      fileIds: [up.body.id],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const thread = await portal('GET', `${base()}/tickets/${made.body.id}/messages`, lina)
    expect(thread.body.data).toMatchObject([
      { fromCustomer: true, body: '', files: [{ id: up.body.id, name: '报错截图.png', size: PNG.length }] },
    ])

    const agentView = await org.admin.get(`/api/v1/tickets/${made.body.id}/messages`)
    expect(agentView.status).toBe(200)
    expect(agentView.body.data).toMatchObject([
      { visibility: 'public', authorName: '李娜', files: [{ id: up.body.id, contentType: 'image/png' }] },
    ])
    const got = await env.app.inject({
      method: 'GET',
      url: `/api/v1/files/${up.body.id}`,
      headers: { authorization: `Bearer ${org.admin.token}` },
    })
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(PNG)).toBe(true)
  })

  it('attaches files to a comment, with or without words; an empty comment is refused', async () => {
    const t = (await portal('POST', `${base()}/tickets`, lina, { subject: 'Comment files' })).body.id
    const a = (await portalUpload(lina, 'log.txt', Buffer.from('error at line 3\n'))).body
    const b = (await portalUpload(lina)).body
    const withWords = await portal('POST', `${base()}/tickets/${t}/messages`, lina, {
      body: 'The log',
      fileIds: [a.id],
    })
    expect(withWords.status, JSON.stringify(withWords.body)).toBe(201)
    const filesOnly = await portal('POST', `${base()}/tickets/${t}/messages`, lina, { fileIds: [b.id] })
    expect(filesOnly.status, JSON.stringify(filesOnly.body)).toBe(201)
    expect(
      filesOnly.body.data.map((m: { body: string; files: { name: string }[] }) => [
        m.body,
        m.files.map((f) => f.name),
      ]),
    ).toEqual([
      ['The log', ['log.txt']],
      ['', ['screen.png']],
    ])
    const empty = await portal('POST', `${base()}/tickets/${t}/messages`, lina, { body: '  ' })
    expect([empty.status, empty.body.errors]).toEqual([400, [{ path: 'body', message: 'must not be empty' }]])
    const agentView = await org.admin.get(`/api/v1/tickets/${t}/messages`)
    expect(agentView.body.data.map((m: { files: unknown[] }) => m.files.length)).toEqual([1, 1])
  })

  it("opens public replies' files to the account's contacts only, never an internal note's", async () => {
    const t = (await portal('POST', `${base()}/tickets`, lina, { subject: 'Manual please' })).body.id
    const pub = (await agentUpload('manual.pdf')).body
    const note = (await agentUpload('internal-costs.pdf')).body
    expect(
      (
        await org.admin.post(`/api/v1/tickets/${t}/messages`, {
          visibility: 'public',
          body: 'Here',
          fileIds: [pub.id],
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await org.admin.post(`/api/v1/tickets/${t}/messages`, {
          visibility: 'internal',
          body: 'Costs',
          fileIds: [note.id],
        })
      ).status,
    ).toBe(201)

    const thread = await portal('GET', `${base()}/tickets/${t}/messages`, lina)
    expect(thread.body.data.flatMap((m: { files: { id: string }[] }) => m.files.map((f) => f.id))).toEqual([
      pub.id,
    ])
    for (const who of [lina, wang]) {
      const got = await portalDownload(who, pub.id)
      expect(got.statusCode).toBe(200)
      expect(got.headers['content-type']).toBe('application/pdf')
      expect(got.headers['content-disposition']).toContain('manual.pdf')
      expect(got.rawPayload.equals(PDF)).toBe(true)
    }
    expect((await portalDownload(lina, note.id)).statusCode).toBe(404)
    const other = await portalDownload(stranger, pub.id)
    expect([other.statusCode, other.json().code]).toEqual([404, 'not_found'])
    expect((await portalDownload(undefined, pub.id)).statusCode).toBe(401)
    expect((await portalDownload(lina, 'not-an-id')).statusCode).toBe(400)
  })

  it("keeps an unattached upload its uploader's: other contacts get 404 and cannot attach it", async () => {
    const mine = (await portalUpload(lina, 'draft.png')).body
    expect((await portalDownload(lina, mine.id)).statusCode).toBe(200)
    expect((await portalDownload(wang, mine.id)).statusCode).toBe(404)
    expect((await portalDownload(stranger, mine.id)).statusCode).toBe(404)

    const before = await ticketCount()
    const steal = await portal('POST', `${base()}/tickets`, wang, { subject: 'Steal', fileIds: [mine.id] })
    expect([steal.status, steal.body.errors?.[0]?.path]).toEqual([400, 'fileIds'])
    expect(await ticketCount()).toBe(before)
    expect((await portalDownload(wang, mine.id)).statusCode).toBe(404)
  })

  it("refuses to attach a file the contact did not upload (an agent's, another account's)", async () => {
    const t = (await portal('POST', `${base()}/tickets`, lina, { subject: 'Attach others' })).body.id
    const agents = (await agentUpload('secret.pdf')).body
    const theirs = (await portalUpload(stranger)).body
    for (const id of [agents.id, theirs.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await portal('POST', `${base()}/tickets/${t}/messages`, lina, { body: 'x', fileIds: [id] })
      expect([res.status, res.body.errors?.[0]?.path]).toEqual([400, 'fileIds'])
    }
    expect((await portal('GET', `${base()}/tickets/${t}/messages`, lina)).body.data).toEqual([])
    expect((await portalDownload(lina, agents.id)).statusCode).toBe(404)
  })

  it('checks uploads as the internal upload does: size (413), type (415), a missing file (400), a session (401)', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)])
    const tooBig = await portalUpload(lina, 'huge.pdf', big)
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'file_too_large'])
    expect(tooBig.body.detail).toContain('10 MB')
    const exe = await portalUpload(lina, 'setup.exe', Buffer.from('MZ\x90\x00'))
    expect([exe.status, exe.body.code]).toEqual([415, 'unsupported_file_type'])
    const disguised = await portalUpload(lina, 'photo.png', Buffer.from('%PDF-1.7\nnot a png'))
    expect(disguised.status).toBe(415)
    const wrongPart = await upload(`${base()}/files`, { secret: lina }, 'a.png', PNG, 'attachment')
    expect([wrongPart.status, wrongPart.body.errors?.[0]?.path]).toEqual([400, 'file'])
    const empty = await portalUpload(lina, 'empty.txt', Buffer.alloc(0))
    expect([empty.status, empty.body.detail]).toEqual([400, 'The file is empty'])
    expect((await upload(`${base()}/files`, {}, 'a.png', PNG)).status).toBe(401)
  })

  it('opens nothing of the internal file routes to a portal session (401)', async () => {
    const own = (await portalUpload(lina)).body
    const up = await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      cookies: { openkam_portal: lina },
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: `--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhi\r\n--x--\r\n`,
    })
    expect(up.statusCode).toBe(401)
    const down = await env.app.inject({
      method: 'GET',
      url: `/api/v1/files/${own.id}`,
      cookies: { openkam_portal: lina },
    })
    expect(down.statusCode).toBe(401)
    // Nor does the portal accept an internal session for its files.
    const agent = await env.app.inject({
      method: 'GET',
      url: `${base()}/files/${own.id}`,
      headers: { authorization: `Bearer ${org.admin.token}` },
    })
    expect(agent.statusCode).toBe(401)
  })
})
