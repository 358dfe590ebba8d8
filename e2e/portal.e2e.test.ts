// The service desk end to end: a customer's contact signs in to the portal with an e-mailed link, submits
// an urgent incident and is told it was received; the agent it was routed to finds it in their queue,
// replies and resolves it; the contact reads the reply, confirms and rates it in the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSmtp } from '../apps/server/test/receivers'
import { axeViolations } from './browser'
import { base, browser, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

let smtp: Awaited<ReturnType<typeof startSmtp>>
beforeAll(async () => {
  smtp = await startSmtp()
})
afterAll(() => smtp?.close())

const api = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(`/api/v1${p}`, {
        method: m as string,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      })
      return { status: r.status, body: r.status === 204 ? null : await r.json() }
    },
    [method, path, body] as const,
  )

/** The newest e-mail to `to` whose text matches `re`, once it arrived. */
async function mailTo(to: string, re: RegExp) {
  for (let i = 0; i < 300; i++) {
    const m = smtp.messages.findLast((x) => JSON.stringify(x.to ?? '').includes(to) && re.test(x.text ?? ''))
    if (m) return m
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no e-mail to ${to} matching ${re}`)
}

describe('the customer portal and the service desk', () => {
  it('a contact signs in by e-mail, submits an urgent incident, and rates its resolution', async () => {
    // The administrator points e-mail at a local SMTP server and the app URL at this server.
    const admin = await signedIn('admin@demo.openkam.local')
    const settings = (await api(admin.page, 'GET', '/notification-settings')).body
    const saved = await api(admin.page, 'PUT', '/notification-settings', {
      version: settings.version,
      appUrl: base,
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'OpenKAM <kam@openkam.test>' },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    // A contact with an e-mail address of a strategic account.
    const strategic = (await api(admin.page, 'GET', '/accounts?tier=strategic&limit=20')).body.data as any[]
    let contact: any
    for (const a of strategic) {
      const cs = (await api(admin.page, 'GET', `/contacts?accountId=${a.id}&limit=50`)).body.data as any[]
      contact = cs.find((c) => c.email && c.active !== false)
      if (contact) break
    }
    expect(contact, 'a strategic account with a contact with an e-mail').toBeTruthy()

    // The contact, on a phone, in Chinese.
    const ctx = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      reducedMotion: 'reduce',
      bypassCSP: true,
    })
    const page = await ctx.newPage()
    await page.goto(`${base}/portal/demo`)
    await page.getByLabel('邮箱').fill(contact.email)
    await page.getByRole('button', { name: '发送登录链接' }).click()
    await page.getByText('请查收邮件').waitFor()
    const mail = await mailTo(contact.email, /\/portal\/demo\/link\//)
    const link = /(https?:\/\/\S+\/portal\/demo\/link\/[A-Za-z0-9_-]+)/.exec(mail.text!)![1]!
    await page.goto(link)
    await page.getByRole('button', { name: /提交工单/ }).click()
    const subject = `产线数据同步中断 ${Date.now() % 100000}`
    await page.getByLabel('标题').fill(subject)
    await page.getByLabel('问题描述').fill('今天 8 点起 MES 数据无法同步，影响排产。')
    await page.getByLabel('类型').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="故障"]').click()
    await page.getByLabel('紧急程度').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="紧急"]').click()
    await shot(page, 'portal-01-new-ticket-390')
    await page
      .getByRole('button', { name: '提 交' })
      .or(page.getByRole('button', { name: '提交' }))
      .click()
    const number = (await page.locator('.portal-card .ant-card-head-title .num').innerText()).trim()
    expect(number).toMatch(/^TK-\d+$/)
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390)
    // Acknowledged at once: an e-mail with its number.
    await mailTo(contact.email, new RegExp(number))
    await shot(page, 'portal-02-submitted-390')

    // Routed: the agent it went to finds it at the top of their queue, replies and resolves it.
    const tickets = (await api(admin.page, 'GET', `/tickets?q=${encodeURIComponent(number)}`)).body
      .data as any[]
    const ticket = tickets[0]
    expect(ticket).toMatchObject({ number, priority: 'urgent', channel: 'portal' })
    expect(ticket.assigneeId, JSON.stringify(ticket.routedBy)).toBeTruthy()
    const agentUser = (await api(admin.page, 'GET', `/users/${ticket.assigneeId}`)).body
    await admin.ctx.close()
    const agent = await signedIn(agentUser.email)
    // The agent's queue, their own tickets: the new one is there, what is due first on top, with its
    // first-response countdown and the customer's tier beside it.
    await agent.page.goto(`${base}/ticket-queue`)
    await agent.page.getByRole('heading', { name: 'Ticket queue' }).waitFor()
    await agent.page.locator('.queue-views').getByText('Mine').click()
    await expect.poll(() => new URL(agent.page.url()).searchParams.get('view')).toBe('mine')
    const row = agent.page.locator('.ant-table-tbody tr.ant-table-row', { hasText: subject })
    await row.waitFor()
    await expect.poll(() => row.innerText()).toMatch(/First response/)
    expect(await row.innerText()).toMatch(/Strategic/)
    const queued = (await api(agent.page, 'GET', '/ticket-queue?assigneeId=me&limit=100')).body.data as any[]
    const at = queued.findIndex((x) => x.id === ticket.id)
    expect(at, 'the new ticket is in the agent’s queue').toBeGreaterThanOrEqual(0)
    // Above it only what is due no later than it.
    for (const x of queued.slice(0, at)) expect(x.nextDueAt <= queued[at].nextDueAt).toBe(true)
    await shot(agent.page, 'portal-03-agent-queue')
    await row.getByRole('link', { name: new RegExp(subject) }).click()
    await agent.page
      .getByRole('textbox', { name: 'Reply to customer' })
      .fill('我们已定位到接口网关证书过期，正在更换，预计 30 分钟内恢复。')
    await agent.page.getByRole('button', { name: 'Send reply' }).click()
    await agent.page.getByText('预计 30 分钟内恢复').first().waitFor()
    expect((await api(agent.page, 'GET', `/tickets/${ticket.id}`)).body.firstRespondedAt).toBeTruthy()
    // Resolved in the ticket's edit form.
    await agent.page.getByRole('button', { name: 'Edit', exact: true }).click()
    const drawer = agent.page.locator('.ant-drawer')
    await drawer.getByLabel('Status').click()
    await agent.page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Resolved"]').click()
    await drawer.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(async () => (await api(agent.page, 'GET', `/tickets/${ticket.id}`)).body.status, {
        timeout: 15_000,
      })
      .toBe('resolved')
    await shot(agent.page, 'portal-04-agent-resolved')
    await agent.ctx.close()

    // The contact reads the reply, confirms it is solved and rates it.
    await page.reload()
    await page.getByTestId('portal-thread').getByText('预计 30 分钟内恢复').waitFor()
    await page.getByRole('button', { name: '是的，已解决' }).click()
    const rating = page.getByTestId('portal-rating')
    await rating.getByRole('radio', { name: '5' }).click()
    await rating.getByRole('button', { name: '提交评价' }).click()
    await rating.getByText('您的评分：5 / 5').waitFor()
    await shot(page, 'portal-05-rated-390')
    expect(await axeViolations(page)).toEqual([])
    await ctx.close()
  }, 240_000)
})
