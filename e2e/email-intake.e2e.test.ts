// Tickets from e-mail: an administrator generates the inbound address's token in Settings → Channels, a
// customer's e-mail posted to the address opens a ticket (a stranger's is dropped), and both show in the
// card's log — on a desktop in English and on a phone in Chinese.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import nodemailer from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer'
import { axeViolations } from './browser'
import path from 'node:path'
import { base, shot, shots, signedIn, useDemoServer } from './demo-server'

useDemoServer()

const api = (page: Page, path: string) =>
  page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path)

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true })
const post = async (token: string, m: Mail.Options) =>
  fetch(`${base}/api/v1/inbound-email/demo`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', 'x-openkam-token': token },
    body: new Uint8Array((await composer.sendMail(m)).message as Buffer),
  })

describe('tickets from e-mail', () => {
  it('an administrator generates the token; a customer’s e-mail becomes a ticket, a stranger’s is dropped', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/settings/channels`)
    const card = page.getByTestId('email-intake-card')
    await card.getByText('No token yet').waitFor()
    await card.getByText('No e-mail received yet.').waitFor()
    await card.getByText(`${base}/api/v1/inbound-email/demo`).waitFor()
    await card.getByRole('button', { name: 'Generate token' }).click()
    const fresh = card.getByTestId('email-intake-new-token')
    const token = (await fresh.locator('code').first().innerText()).trim()
    expect(token).toMatch(/^okin_/)
    await card.getByText(`ends in …${token.slice(-4)}`).waitFor()
    await shot(page, 'email-intake-01-token-1440')

    // A contact of a customer account writes in; someone unknown does too.
    const contacts = (await api(page, '/contacts?limit=100')).data as {
      email: string | null
      active: boolean
    }[]
    const contact = contacts.find((c) => c.email && c.active !== false)!
    const subject = `Scanner offline ${Date.now() % 100000}`
    const ok = await post(token, {
      from: contact.email!,
      to: 'support@demo.openkam.local',
      subject,
      text: 'The warehouse scanner has been offline since 8:00.',
      attachments: [{ filename: 'scanner.txt', content: 'error 0x41 at 08:02' }],
    })
    expect(ok.status).toBe(201)
    const made = await ok.json()
    const dropped = await post(token, { from: 'someone@unknown.test', subject: 'Cheap offers', text: 'Hi' })
    expect(dropped.status).toBe(202)

    await card.getByRole('button', { name: 'Refresh' }).click()
    const log = card.getByTestId('email-intake-log')
    await log.getByText(made.ticketNumber).waitFor()
    await log.getByText('The sender is no active contact of a customer account').waitFor()
    expect(await axeViolations(page, { exclude: ['.ant-table-content'] })).toEqual([])
    await shot(page, 'email-intake-02-log-1440')
    await card.screenshot({ path: path.join(shots, 'email-intake-02-card-1440.png') })

    // The log's number opens the ticket: channel e-mail, the text and the attached file.
    await log.getByRole('link', { name: made.ticketNumber }).click()
    await page.getByText(subject).first().waitFor()
    await page.getByText('scanner.txt').first().waitFor()
    await shot(page, 'email-intake-03-ticket-1440')
    await ctx.close()

    // On a phone, in Chinese: the card fits the width and reads in Chinese.
    const phone = await signedIn('admin@demo.openkam.local', {
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    })
    await phone.page.goto(`${base}/settings/channels`)
    const zh = phone.page.getByTestId('email-intake-card')
    await zh.getByText('邮件收件').waitFor()
    await zh.getByText('发件人不是客户账户的在职联系人').waitFor()
    await zh.getByRole('button', { name: '重新生成令牌' }).waitFor()
    expect(await phone.page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(phone.page, 'email-intake-04-phone-zh-390')
    await zh.screenshot({ path: path.join(shots, 'email-intake-04-card-zh-390.png') })
    // A new token needs a confirmation; the old one stops working.
    await zh.getByRole('button', { name: '重新生成令牌' }).click()
    await phone.page.locator('.ant-modal-confirm').getByRole('button', { name: '重新生成令牌' }).click()
    await zh.getByTestId('email-intake-new-token').waitFor()
    expect((await post(token, { from: contact.email!, subject: 'x', text: 'x' })).status).toBe(401)
    await phone.ctx.close()
  })
})
