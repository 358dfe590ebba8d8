import { describe, expect, it } from 'vitest'
import { and, eq, inArray } from 'drizzle-orm'
import { startSmtp } from '../apps/server/src/modules/notifications/test-receivers'
import { ticketMessages, tickets } from '../apps/server/src/modules/tickets'
import { userTables } from '../apps/server/src/modules/users'
import { base, browser, runtime, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer({ lang: 'en' })

const CSM = 'gao.ling@demo.openkam.local'

/** A demo ticket handled by the CSM that already has a conversation, still open. */
async function csmTicketWithThread() {
  const db = runtime().database.db
  const [u] = await db.select().from(userTables.users).where(eq(userTables.users.email, CSM))
  const threads = [...new Set((await db.select().from(ticketMessages)).map((m) => m.ticketId))]
  const [t] = await db
    .select()
    .from(tickets)
    .where(
      and(
        inArray(tickets.id, threads),
        eq(tickets.assigneeId, u!.id),
        inArray(tickets.status, ['open', 'pending']),
      ),
    )
    .limit(1)
  return t!
}

const noSideScroll = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)

describe('ticket conversation and satisfaction (issue 19.2, 19.6)', () => {
  it('an agent notes, replies with a file (e-mailed), resolves; the contact rates on a phone; the rating shows on the ticket and the 360°', async () => {
    const smtp = await startSmtp()
    try {
      const ticket = await csmTicketWithThread()
      // E-mail goes to a local SMTP server; links point at this server.
      const admin = await signedIn('admin@demo.openkam.local')
      const settings = await (await admin.page.request.get(`${base}/api/v1/notification-settings`)).json()
      const saved = await admin.page.request.put(`${base}/api/v1/notification-settings`, {
        data: {
          version: settings.version,
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Support <support@openkam.test>' },
          appUrl: base,
        },
      })
      expect(saved.status()).toBe(200)
      await admin.ctx.close()

      const { ctx, page } = await signedIn(CSM)
      await page.goto(`${base}/tickets/${ticket.id}`)
      const card = page.locator('.ticket-conversation')
      await card.waitFor()
      // The demo thread: internal notes are labelled as such.
      await expect
        .poll(() => card.locator('.ticket-msg.is-internal').count(), { timeout: 20_000 })
        .toBeGreaterThan(0)
      expect(await card.locator('.ticket-msg.is-internal').first().innerText()).toContain(
        'Internal note — not visible to the customer',
      )
      const before = await card.locator('.ticket-msg').count()

      // An internal note, sent with Ctrl+Enter.
      await card.getByText('Internal note', { exact: true }).click()
      const box = card.getByRole('textbox')
      await box.fill('Checked the logs: the gateway certificate expired.')
      await box.press('Control+Enter')
      await expect.poll(() => card.locator('.ticket-msg').count()).toBe(before + 1)
      const note = card.locator('.ticket-msg').last()
      expect(await note.getAttribute('class')).toContain('is-internal')
      expect(await note.innerText()).toContain('gateway certificate expired')

      // A reply to the customer with an attachment.
      await card.getByText('Reply to customer', { exact: true }).click()
      await card.locator('input[type=file]').setInputFiles({
        name: 'renewal-steps.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('steps\n'.repeat(50))]),
      })
      await card.locator('.ticket-composer-files').getByText('renewal-steps.pdf').waitFor()
      await box.fill('We renewed the certificate; please restart the gateway. Steps attached.')
      await card.getByRole('button', { name: 'Send reply' }).click()
      await expect.poll(() => card.locator('.ticket-msg').count()).toBe(before + 2)
      const reply = card.locator('.ticket-msg').last()
      expect(await reply.getAttribute('class')).toContain('is-public')
      await reply.getByRole('link', { name: /renewal-steps\.pdf/ }).waitFor()
      await expect.poll(() => reply.innerText(), { timeout: 30_000 }).toMatch(/E-mailed to \S+@/)
      await expect
        .poll(() => smtp.messages.find((m) => m.subject === `[${ticket.number}] Re: ${ticket.subject}`), {
          timeout: 30_000,
        })
        .toBeTruthy()
      await reply.scrollIntoViewIfNeeded()
      await shot(page, 'ticket-conversation-1440')

      // Resolved → the contact gets the rating link.
      const now = await (await page.request.get(`${base}/api/v1/tickets/${ticket.id}`)).json()
      const resolved = await page.request.patch(`${base}/api/v1/tickets/${ticket.id}`, {
        data: { version: now.version, status: 'resolved' },
      })
      expect(resolved.status()).toBe(200)
      let link = ''
      await expect
        .poll(
          () => {
            const m = smtp.messages.find((x) => x.subject?.startsWith(`[${ticket.number}] How did we do?`))
            link = /(http\S+\/rate\/[A-Za-z0-9_-]+)/.exec(m?.text ?? '')?.[1] ?? ''
            return link
          },
          { timeout: 30_000 },
        )
        .not.toBe('')

      // The contact, on a phone, without signing in.
      const phone = await browser.newContext({
        locale: 'en-US',
        viewport: { width: 390, height: 844 },
        reducedMotion: 'reduce',
      })
      const rp = await phone.newPage()
      await rp.goto(link)
      await rp.getByText('How satisfied are you with how we handled your request?').waitFor()
      expect(await rp.getByText(ticket.number!, { exact: false }).count()).toBeGreaterThan(0)
      await rp.getByRole('button', { name: 'Send rating' }).click()
      await rp.getByText('Choose a score from 1 to 5 first.').waitFor()
      await rp.getByRole('radio', { name: '2' }).click()
      await rp
        .getByLabel('Anything you would like to tell us? (optional)')
        .fill('It took two days to hear back.')
      expect(await noSideScroll(rp)).toBe(true)
      await shot(rp, 'ticket-rating-390')
      await rp.getByRole('button', { name: 'Send rating' }).click()
      await rp.getByText('Thank you for your rating').waitFor()
      // The link is used up.
      await rp.reload()
      await rp.getByText('This ticket was already rated').waitFor()
      await phone.close()

      // The ticket shows the rating; the assignee got the follow-up task.
      await page.reload()
      await page.getByTestId('ticket-satisfaction').waitFor()
      expect(await page.getByTestId('ticket-satisfaction').innerText()).toMatch(/Rated 2 of 5/)
      await page.locator('.ticket-rating-comment').getByText('It took two days to hear back.').waitFor()
      await expect
        .poll(
          async () => {
            const r = await (
              await page.request.get(`${base}/api/v1/tasks?assigneeId=me&status=open&limit=500`)
            ).json()
            return r.data.some((t: { relatedId: string | null }) => t.relatedId === ticket.id)
          },
          { timeout: 30_000 },
        )
        .toBe(true)

      // The 360° tickets tab: the average rating above the list.
      await page.goto(`${base}/accounts/${ticket.accountId}?tab=tickets`)
      const avg = page.getByTestId('satisfaction-average')
      await avg.waitFor()
      expect(await avg.innerText()).toMatch(/Average satisfaction: \d\.\d of 5 \(\d+ rated\)/)
      await shot(page, 'ticket-satisfaction-360-1440')
      await ctx.close()

      // The ticket page on a phone, in Chinese: the thread and the composer fit.
      const zh = await signedIn(CSM, { locale: 'zh-CN', viewport: { width: 390, height: 844 } })
      await zh.page.goto(`${base}/tickets/${ticket.id}`)
      await zh.page.locator('.ticket-conversation').getByText('内部备注 — 客户不可见').first().waitFor()
      await zh.page.getByRole('button', { name: '发送回复' }).waitFor()
      expect(await noSideScroll(zh.page)).toBe(true)
      await zh.page.locator('.ticket-composer').scrollIntoViewIfNeeded()
      await shot(zh.page, 'ticket-conversation-zh-390')
      await zh.ctx.close()
    } finally {
      await smtp.close()
    }
  }, 240_000)
})
