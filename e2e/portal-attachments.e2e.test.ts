// Attachments in the customer portal (issue 19.1): a contact attaches a screenshot to a new ticket and a
// log to a reply on a phone (a refused file says why), the agent sees and opens them on the ticket, and
// the agent's public file downloads in the portal while an internal note's never shows.
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { and, eq, isNotNull } from 'drizzle-orm'
import type { BrowserContext, Page } from 'playwright-core'
import { contacts } from '../apps/server/src/modules/contacts'
import { portalSessions } from '../apps/server/src/modules/portal'
import { base, browser, runtime, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('screenshot '.repeat(200)),
])

/** A portal visitor's browser: a demo contact with a portal session (the e-mailed sign-in is portal.e2e's). */
async function portalVisitor(opts: {
  locale: 'zh-CN' | 'en-US'
  viewport: { width: number; height: number }
}) {
  const db = runtime().database.db
  const [c] = await db
    .select()
    .from(contacts)
    .where(and(isNotNull(contacts.email), isNotNull(contacts.accountId), eq(contacts.active, true)))
    .limit(1)
  const secret = randomBytes(32).toString('base64url')
  await db.insert(portalSessions).values({
    workspaceId: c!.workspaceId,
    tokenHash: createHash('sha256').update(secret, 'utf8').digest('hex'),
    contactId: c!.id,
    accountId: c!.accountId!,
    expiresAt: new Date(Date.now() + 3_600_000),
  })
  const ctx: BrowserContext = await browser.newContext({
    locale: opts.locale,
    viewport: opts.viewport,
    reducedMotion: 'reduce',
  })
  const url = new URL(base)
  await ctx.addCookies([
    { name: 'openkam_portal', value: secret, domain: url.hostname, path: '/api/v1/portal/', httpOnly: true },
  ])
  return { ctx, page: await ctx.newPage(), contact: c! }
}

const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)

describe('attachments in the customer portal', () => {
  it('a contact attaches files on a phone, the agent opens them and answers with a file', async () => {
    const { ctx, page } = await portalVisitor({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })
    await page.goto(`${base}/portal/demo/new`)
    await page.getByLabel('标题').fill('导出报表时报错')
    await page.getByLabel('问题描述').fill('点击导出后页面报错，截图见附件。')
    const input = page.locator('.portal-attach input[type=file]')
    await input.setInputFiles([
      { name: '报错截图.png', mimeType: 'image/png', buffer: PNG },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ])
    // The refused file says why, in words; the accepted one uploads.
    await page.getByRole('alert').getByText('不接受“setup.exe”这种文件').waitFor()
    await page.locator('.portal-attach .ant-upload-list-item-done', { hasText: '报错截图.png' }).waitFor()
    expect(await noSideScroll(page)).toBe(true)
    await shot(page, 'portal-attachments-01-new-ticket-390')
    await page.locator('.ant-upload-list-item-error').hover()
    await page.locator('.ant-upload-list-item-error .ant-upload-list-item-action').click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(0)
    await page.getByRole('button', { name: /^提\s?交$/ }).click()
    const thread = page.getByTestId('portal-thread')
    await thread.getByRole('link', { name: /报错截图\.png/ }).waitFor()
    const ticketId = /\/tickets\/([0-9a-f-]+)/.exec(page.url())![1]!

    // A reply with a log file only (no words needed).
    await page.locator('.portal-attach input[type=file]').setInputFiles({
      name: 'export.log.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('ERROR export failed at row 1024\n'),
    })
    await page.locator('.portal-attach .ant-upload-list-item-done', { hasText: 'export.log.txt' }).waitFor()
    await page.getByRole('button', { name: /^发\s?送$/ }).click()
    await thread.getByRole('link', { name: /export\.log\.txt/ }).waitFor()
    expect(await noSideScroll(page)).toBe(true)
    await shot(page, 'portal-attachments-02-thread-390')

    // The agent sees the customer's files on the ticket, opens one, and answers with a file and a note.
    const agent = await signedIn('admin@demo.openkam.local')
    await agent.page.goto(`${base}/tickets/${ticketId}`)
    const card = agent.page.locator('.ticket-conversation')
    const shotLink = card.locator('.ticket-msg.is-customer').getByRole('link', { name: /报错截图\.png/ })
    await shotLink.waitFor()
    await card
      .locator('.ticket-msg.is-customer')
      .getByRole('link', { name: /export\.log\.txt/ })
      .waitFor()
    const opened = await agent.page.request.get(`${base}${await shotLink.getAttribute('href')}`)
    expect(opened.status()).toBe(200)
    expect(Buffer.from(await opened.body()).equals(PNG)).toBe(true)
    await shot(agent.page, 'portal-attachments-03-agent-1440')
    const upload = async (name: string) =>
      (
        await agent.page.request.post(`${base}/api/v1/files`, {
          multipart: { file: { name, mimeType: 'text/plain', buffer: Buffer.from(`${name}\n`) } },
        })
      ).json()
    const guide = await upload('workaround.txt')
    const costs = await upload('internal-costs.txt')
    for (const [visibility, body, f] of [
      ['public', 'Please try the workaround attached.', guide],
      ['internal', 'Cost estimate for the fix', costs],
    ] as const) {
      const res = await agent.page.request.post(`${base}/api/v1/tickets/${ticketId}/messages`, {
        data: { visibility, body, fileIds: [f.id] },
      })
      expect(res.status()).toBe(201)
    }
    await agent.ctx.close()

    // The contact downloads the public file; the internal note and its file never show.
    await page.reload()
    const guideLink = thread.getByRole('link', { name: /workaround\.txt/ })
    await guideLink.waitFor()
    expect(await thread.getByText('internal-costs.txt').count()).toBe(0)
    const got = await page.request.get(`${base}${await guideLink.getAttribute('href')}`)
    expect([got.status(), (await got.text()).trim()]).toEqual([200, 'workaround.txt'])
    const hidden = await page.request.get(`${base}/api/v1/portal/demo/files/${costs.id}`)
    expect(hidden.status()).toBe(404)
    await shot(page, 'portal-attachments-04-agent-file-390')
    await ctx.close()
  })

  it('the attach control reads in English on a desktop', async () => {
    const { ctx, page } = await portalVisitor({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
    await page.goto(`${base}/portal/demo/new`)
    await page.getByRole('button', { name: 'Attach files' }).waitFor()
    await page.getByText('Up to 10 files, 10 MB each').waitFor()
    await page.locator('.portal-attach input[type=file]').setInputFiles({
      name: 'huge.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 1)]),
    })
    await page.getByRole('alert').getByText('“huge.pdf” is larger than 10 MB').waitFor()
    await shot(page, 'portal-attachments-05-new-ticket-en-1440')
    await ctx.close()
  })
})
