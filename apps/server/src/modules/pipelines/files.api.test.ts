import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Caller, type Org, type Res, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
}, 60_000)
afterAll(() => env?.close())

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('报价单 quotation body\n'.repeat(50))])

async function upload(who: Caller, name: string, content: Buffer, field = 'file'): Promise<Res> {
  const b = `----openkam${Math.random().toString(16).slice(2)}`
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

const download = (who: Caller, id: string) =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/files/${id}`,
    headers: { authorization: `Bearer ${who.token}` },
  })

describe('files', () => {
  it('stores an upload and gives it back to its uploader with its name', async () => {
    const res = await upload(org.sales, '报价单 Q3.pdf', PDF)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: '报价单 Q3.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
      createdBy: org.sales.userId,
    })
    const got = await download(org.sales, res.body.id)
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('application/pdf')
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="___ Q3.pdf"; filename*=UTF-8''${encodeURIComponent('报价单 Q3.pdf')}`,
    )
    expect(got.rawPayload.equals(PDF)).toBe(true)
  })

  it('refuses files over 10 MB (413) and other types or disguised content (415), saying why', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)])
    const tooBig = await upload(org.sales, 'huge.pdf', big)
    expect(tooBig.status).toBe(413)
    expect(tooBig.body).toMatchObject({ code: 'file_too_large' })
    expect(tooBig.body.detail).toContain('10 MB')
    const exe = await upload(org.sales, 'setup.exe', Buffer.from('MZ\x90\x00'))
    expect(exe.status).toBe(415)
    expect(exe.body.code).toBe('unsupported_file_type')
    expect(exe.body.detail).toContain('pdf, doc, docx')
    const disguised = await upload(org.sales, 'proposal.pdf', Buffer.from('<html><script>alert(1)</script>'))
    expect(disguised.status).toBe(415)
    expect(disguised.body.detail).toContain('not that of a .pdf file')
    expect((await upload(org.sales, 'empty.txt', Buffer.alloc(0))).status).toBe(400)
    expect((await upload(org.sales, 'x.pdf', PDF, 'attachment')).status).toBe(400)
    const json = await org.sales.post('/api/v1/files', { name: 'x.pdf' })
    expect(json.status).toBe(400)
    // Every signed-in person may upload (approvers attach files to their decisions); only they read it
    // until it is attached somewhere.
    const finance = await upload(org.finance, 'x.pdf', PDF)
    expect(finance.status).toBe(201)
    expect((await download(org.sales, finance.body.id)).statusCode).toBe(404)
  })

  it('lets only the uploader and people who may read an opportunity it is attached to download it', async () => {
    const file = (await upload(org.sales, 'contract.pdf', PDF)).body
    expect((await download(org.sales2, file.id)).statusCode).toBe(404)
    expect((await download(org.manager, file.id)).statusCode).toBe(404)
    const account = (await org.sales.post('/api/v1/accounts', { name: 'Files Co' })).body
    const opp = (
      await org.sales.post('/api/v1/opportunities', { accountId: account.id, name: 'With a file' })
    ).body
    const attached = await org.sales.post(`/api/v1/opportunities/${opp.id}/deliverables`, {
      key: 'assessment_report',
      title: 'Assessment',
      fileId: file.id,
    })
    expect(attached.status).toBe(201)
    expect(attached.body).toMatchObject({
      fileId: file.id,
      fileName: 'contract.pdf',
      fileSize: PDF.length,
      url: null,
    })
    const list = (await org.manager.get(`/api/v1/opportunities/${opp.id}/deliverables`)).body
    expect(list.data[0]).toMatchObject({ fileName: 'contract.pdf', contentType: 'application/pdf' })
    // The manager reads the team's deals; the other salesperson, the outsider and other workspaces do not.
    expect((await download(org.manager, file.id)).statusCode).toBe(200)
    expect((await download(org.executive, file.id)).statusCode).toBe(200)
    expect((await download(org.sales2, file.id)).statusCode).toBe(404)
    expect((await download(org.outsider, file.id)).statusCode).toBe(404)
    expect((await download(other.admin, file.id)).statusCode).toBe(404)
    expect((await download(org.sales, 'not-an-id')).statusCode).toBe(404)
    // Someone else's file cannot be attached by its id.
    const mine = (await org.outsider.post('/api/v1/accounts', { name: 'Outsider Co' })).body
    const deal = (await org.outsider.post('/api/v1/opportunities', { accountId: mine.id, name: 'Borrowing' }))
      .body
    const borrow = await org.outsider.post(`/api/v1/opportunities/${deal.id}/deliverables`, {
      key: 'assessment_report',
      title: 'Not mine',
      fileId: file.id,
    })
    expect(borrow.status).toBe(400)
    expect(borrow.body.errors[0].path).toBe('fileId')
  })
})
