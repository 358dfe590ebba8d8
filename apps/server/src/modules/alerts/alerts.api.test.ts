import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import {
  eventsSettled,
  makeOrg,
  PASSWORD,
  startTestApp,
  waitFor,
  type Org,
  type TestEnv,
} from '../../../test/harness'
import { newId } from '../../core/ids'
import { accounts } from '../accounts'
import { relationshipSignals } from '../contacts'
import { usageEvents } from '../health'
import { tickets } from '../tickets'
import { alerts } from './alert.table'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)
const dayAgo = (days: number) => ago(days).toISOString().slice(0, 10)

describe('early warning: alert rules and alerts', () => {
  let env: TestEnv
  let org: Org
  let csmId: string
  let n = 0

  const db = () => env.rt.database.db
  const evaluate = async () => {
    const r = await org.admin.post('/api/v1/jobs/run', { job: 'alerts_evaluate' })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body.result
  }
  async function account(extra: Record<string, unknown> = {}) {
    n++
    const r = await org.sales.post('/api/v1/accounts', { name: `Alert Co ${n}`, ...extra })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body as { id: string; name: string }
  }
  /** `count` usage events of a type spread over [fromDays, toDays] days ago. */
  async function usage(accountId: string, type: string, count: number, fromDays: number, toDays: number) {
    const rows = Array.from({ length: count }, (_, i) => ({
      id: newId(),
      workspaceId: org.wsId,
      accountId,
      type,
      at: ago(fromDays + ((toDays - fromDays) * i) / Math.max(1, count - 1)),
    }))
    await db().insert(usageEvents).values(rows)
  }
  async function ticketsAt(accountId: string, count: number, daysAgo: number) {
    for (let i = 0; i < count; i++) {
      const t = await org.sales.post('/api/v1/tickets', { accountId, subject: `Issue ${i}` })
      expect(t.status, JSON.stringify(t.body)).toBe(201)
      await db()
        .update(tickets)
        .set({ createdAt: ago(daysAgo) })
        .where(eq(tickets.id, t.body.id))
    }
  }
  const setBand = (id: string, band: string, score: string) =>
    db().update(accounts).set({ healthBand: band, healthScore: score }).where(eq(accounts.id, id))
  const alertsOf = async (accountId: string, type?: string) =>
    (
      await org.admin.get(
        `/api/v1/alerts?accountId=${accountId}${type ? `&type=${type}` : ''}&limit=50&sort=-createdAt`,
      )
    ).body.data as any[]

  /** Every event of the workspace handled by every (transactional) handler that watches it. */
  const quiet = () => eventsSettled(env, org.wsId)

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const u = await org.admin.post('/api/v1/users', {
      email: `csm@${org.slug}.test`,
      name: 'csm',
      password: PASSWORD,
      roles: ['csm'],
    })
    csmId = u.body.id
  }, 60_000)
  afterAll(() => env?.close())

  it('ships the default rules, with thresholds as validated params', async () => {
    const rules = (await org.admin.get('/api/v1/alert-rules?limit=50')).body.data as any[]
    expect(rules.map((r) => r.template).sort()).toEqual(
      [
        'band_at_risk',
        'no_login',
        'payment_overdue',
        'ticket_surge',
        'usage_drop_key_contact',
        'champion_left',
        'economic_buyer_left',
        'key_contact_silent',
        'committee_role_uncovered',
      ].sort(),
    )
    const drop = rules.find((r) => r.type === 'usage_drop_key_contact')
    expect(drop.params).toMatchObject({ dropPercent: 20, keyContactDays: 30 })
    expect(drop.startPlaybook).toBe('retention')
    const bad = await org.admin.patch(`/api/v1/alert-rules/${drop.id}`, {
      version: drop.version,
      params: { dropPercent: 0, nonsense: 1 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['params.dropPercent']))
    const noLogin = rules.find((r) => r.type === 'no_login')
    const ok = await org.admin.patch(`/api/v1/alert-rules/${noLogin.id}`, {
      version: noLogin.version,
      params: { days: 30 },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(
      (await org.sales.patch(`/api/v1/alert-rules/${noLogin.id}`, { version: 2, enabled: false })).status,
    ).toBe(403)
  })

  it('opens no_login for a silent account that sends usage, not for one that logged in 20 days ago', async () => {
    const silent = await account()
    await usage(silent.id, 'login', 3, 45, 40)
    await usage(silent.id, 'feature_used', 2, 10, 5)
    const recent = await account()
    await usage(recent.id, 'login', 2, 25, 20)
    const never = await account() // no usage events at all
    await evaluate()
    const [a] = await alertsOf(silent.id, 'no_login')
    expect(a).toMatchObject({ type: 'no_login', severity: 'warning', status: 'open' })
    expect(a.details.daysSinceLogin).toBeGreaterThanOrEqual(39)
    expect(a.reason).toMatch(/No login/)
    expect(await alertsOf(recent.id, 'no_login')).toEqual([])
    expect(await alertsOf(never.id)).toEqual([])
  })

  it('opens ticket_surge at 3× the weekly average with at least 3 tickets, not on a near miss', async () => {
    const surge = await account()
    await ticketsAt(surge.id, 1, 30) // baseline 1 ticket in 12 weeks
    await ticketsAt(surge.id, 3, 1)
    const few = await account()
    await ticketsAt(few.id, 2, 1) // under the absolute minimum
    const busy = await account()
    await ticketsAt(busy.id, 24, 40) // a weekly average of 2: 4 this week is under 3 × 2
    await ticketsAt(busy.id, 4, 2)
    await evaluate()
    const [a] = await alertsOf(surge.id, 'ticket_surge')
    expect(a.details).toMatchObject({ ticketsThisWeek: 3, baselineWeeks: 12 })
    expect(await alertsOf(few.id, 'ticket_surge')).toEqual([])
    expect(await alertsOf(busy.id, 'ticket_surge')).toEqual([])
  })

  it('opens payment_overdue past 30 days, not at 20 days nor for a paid one', async () => {
    const late = await account()
    const p = await org.sales.post('/api/v1/payments', {
      accountId: late.id,
      number: 'P-1',
      amount: '50000',
      status: 'pending',
      dueDate: dayAgo(40),
    })
    expect(p.status, JSON.stringify(p.body)).toBe(201)
    const early = await account()
    await org.sales.post('/api/v1/payments', {
      accountId: early.id,
      number: 'P-2',
      amount: '1000',
      status: 'pending',
      dueDate: dayAgo(20),
    })
    const paid = await account()
    await org.sales.post('/api/v1/payments', {
      accountId: paid.id,
      number: 'P-3',
      amount: '1000',
      status: 'paid',
      dueDate: dayAgo(60),
    })
    await evaluate()
    const [a] = await alertsOf(late.id, 'payment_overdue')
    expect(a.details).toMatchObject({ overdueItems: 1, total: { amount: '50000.00' } })
    expect(a.details.daysOverdue).toBeGreaterThanOrEqual(40)
    expect(await alertsOf(early.id, 'payment_overdue')).toEqual([])
    expect(await alertsOf(paid.id, 'payment_overdue')).toEqual([])
  })

  it('opens band_at_risk as danger and starts the retention playbook; a watch account gets none', async () => {
    const risky = await account({ csmId })
    const watch = await account()
    await quiet() // as below: no late health recompute after the bands are set
    await setBand(risky.id, 'at_risk', '41.5')
    await setBand(watch.id, 'watch', '65')
    await evaluate()
    const [a] = await alertsOf(risky.id, 'band_at_risk')
    expect(a).toMatchObject({ severity: 'danger', status: 'open', details: { score: 41.5 } })
    expect(a.playbookTaskIds).toHaveLength(3)
    const tasks = (await org.admin.get(`/api/v1/tasks?accountId=${risky.id}&limit=50`)).body.data
    expect(tasks.filter((t: any) => t.source === 'playbook')).toHaveLength(3)
    expect(await alertsOf(watch.id)).toEqual([])
  })

  it('combines a usage drop with a key contact change: warning, danger when at risk, none for either alone', async () => {
    const mk = async (opts: { drop: boolean; contactLeaves: boolean; atRisk?: boolean }) => {
      const acc = await account()
      await usage(acc.id, 'login', 20, 58, 32)
      await usage(acc.id, 'feature_used', 20, 58, 32)
      await usage(acc.id, 'login', opts.drop ? 10 : 38, 25, 1)
      const c = await org.sales.post('/api/v1/contacts', {
        accountId: acc.id,
        name: 'Buyer',
        buyingRole: 'economic_buyer',
      })
      expect(c.status).toBe(201)
      if (opts.contactLeaves) {
        const left = await org.sales.patch(`/api/v1/contacts/${c.body.id}`, {
          version: c.body.version,
          active: false,
        })
        expect(left.status).toBe(200)
        // The signal is recorded by a handler; wait for it.
        await waitFor(
          async () =>
            (
              await db()
                .select()
                .from(relationshipSignals)
                .where(
                  and(eq(relationshipSignals.contactId, c.body.id), eq(relationshipSignals.kind, 'left')),
                )
            ).length > 0,
        )
      }
      return { ...acc, atRisk: !!opts.atRisk }
    }
    const warn = await mk({ drop: true, contactLeaves: true })
    const danger = await mk({ drop: true, contactLeaves: true, atRisk: true })
    const dropOnly = await mk({ drop: true, contactLeaves: false })
    const leaveOnly = await mk({ drop: false, contactLeaves: true })
    // Contact changes make the health engine recompute; once it is done, fix the bands under test.
    await quiet()
    for (const a of [warn, danger, dropOnly, leaveOnly])
      await setBand(a.id, a.atRisk ? 'at_risk' : 'healthy', a.atRisk ? '50' : '85')
    await evaluate()
    const [w] = await alertsOf(warn.id, 'usage_drop_key_contact')
    expect(w).toMatchObject({ severity: 'warning', details: { previous: 40, current: 10, dropPercent: 75 } })
    expect(w.details.keyContacts).toBe('Buyer')
    const [d] = await alertsOf(danger.id, 'usage_drop_key_contact')
    expect(d.severity).toBe('danger')
    expect(await alertsOf(dropOnly.id, 'usage_drop_key_contact')).toEqual([])
    expect(await alertsOf(leaveOnly.id, 'usage_drop_key_contact')).toEqual([])
  })

  it('keeps one unresolved alert per account and type; after resolving, a new one may open', async () => {
    const acc = await account()
    // The new account's own background work (health, tiers) settles first: it would reset the band.
    await quiet()
    await setBand(acc.id, 'at_risk', '30')
    await evaluate()
    await evaluate()
    const first = await alertsOf(acc.id, 'band_at_risk')
    expect(first).toHaveLength(1)
    const dup = await org.sales.post('/api/v1/alerts', {
      accountId: acc.id,
      type: 'band_at_risk',
      severity: 'info',
      reason: 'by hand',
    })
    expect(dup.status).toBe(409)
    expect(dup.body.code).toBe('alert_duplicate')
    const res = await org.sales.post(`/api/v1/alerts/${first[0].id}/resolve`, {
      outcome: 'retained',
      note: 'call done',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await evaluate()
    const after = await alertsOf(acc.id, 'band_at_risk')
    expect(after).toHaveLength(2)
    expect(after.map((a) => a.status).sort()).toEqual(['open', 'resolved'])
  })

  it('a snoozed alert stays quiet until its date, then reopens while the condition holds', async () => {
    const acc = await account()
    // The new account's own background work (health, tiers) settles first: it would reset the band.
    await quiet()
    await setBand(acc.id, 'at_risk', '30')
    await evaluate()
    const [a] = await alertsOf(acc.id, 'band_at_risk')
    const past = await org.sales.post(`/api/v1/alerts/${a.id}/snooze`, { until: ago(1).toISOString() })
    expect(past.status).toBe(400)
    const s = await org.sales.post(`/api/v1/alerts/${a.id}/snooze`, {
      until: new Date(Date.now() + 7 * DAY).toISOString(),
      note: 'after the QBR',
    })
    expect(s.status, JSON.stringify(s.body)).toBe(200)
    expect(s.body).toMatchObject({ status: 'snoozed', snoozeNote: 'after the QBR' })
    await evaluate()
    let list = await alertsOf(acc.id, 'band_at_risk')
    expect(list).toHaveLength(1)
    expect(list[0].status).toBe('snoozed')
    // The snooze ends.
    await db()
      .update(alerts)
      .set({ snoozedUntil: ago(0.01) })
      .where(and(eq(alerts.workspaceId, org.wsId), eq(alerts.id, a.id)))
    await evaluate()
    list = await alertsOf(acc.id, 'band_at_risk')
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ id: a.id, status: 'open', snoozedUntil: null })
    expect(list[0].reopenedAt).not.toBeNull()
  })

  it('refuses impossible transitions with 409 and unknown outcomes with 400', async () => {
    const acc = await account()
    const a = (
      await org.sales.post('/api/v1/alerts', {
        accountId: acc.id,
        type: 'manual_check',
        severity: 'info',
        reason: 'Customer mentioned a competitor',
      })
    ).body
    expect(a.status).toBe('open')
    expect(a.ownerId).toBe(org.sales.userId)
    expect((await org.sales.post(`/api/v1/alerts/${a.id}/reopen`)).status).toBe(409)
    const ack = await org.sales.post(`/api/v1/alerts/${a.id}/acknowledge`)
    expect(ack.status).toBe(200)
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: org.sales.userId })
    const again = await org.sales.post(`/api/v1/alerts/${a.id}/acknowledge`)
    expect(again.status).toBe(409)
    expect(again.body.detail).toMatch(/acknowledged/)
    const badOutcome = await org.sales.post(`/api/v1/alerts/${a.id}/resolve`, { outcome: 'vanished' })
    expect(badOutcome.status).toBe(400)
    expect((await org.sales.get(`/api/v1/alerts/${a.id}`)).body.status).toBe('acknowledged')
    const done = await org.sales.post(`/api/v1/alerts/${a.id}/resolve`, {
      outcome: 'false_alarm',
      note: 'no risk',
    })
    expect(done.body).toMatchObject({ status: 'resolved', outcome: 'false_alarm', resolutionNote: 'no risk' })
    expect((await org.sales.post(`/api/v1/alerts/${a.id}/resolve`, { outcome: 'other' })).status).toBe(409)
    expect((await org.sales.post(`/api/v1/alerts/${a.id}/acknowledge`)).status).toBe(409)
    expect((await org.sales.post(`/api/v1/alerts/${a.id}/reopen`)).body.status).toBe('open')
    // Every action is audited.
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=alert&entityId=${a.id}&limit=50`)).body
    expect(audit.data.length).toBeGreaterThanOrEqual(4)
    // Access follows the account: someone outside the team does not see it nor act on it.
    expect((await org.outsider.get(`/api/v1/alerts/${a.id}`)).status).toBe(404)
    expect((await org.outsider.post(`/api/v1/alerts/${a.id}/acknowledge`)).status).toBe(404)
    expect((await org.finance.post(`/api/v1/alerts/${a.id}/acknowledge`)).status).toBe(403)
  })

  it('counts alerts by status and severity, filtered by owner', async () => {
    const c = await org.sales.get('/api/v1/alerts/counts?ownerId=me')
    expect(c.status, JSON.stringify(c.body)).toBe(200)
    const all = (await org.sales.get('/api/v1/alerts?limit=500&ownerId=me')).body.data as any[]
    expect(c.body.byStatus.open).toBe(all.filter((a) => a.status === 'open').length)
    expect(c.body.byStatus.resolved).toBe(all.filter((a) => a.status === 'resolved').length)
    expect(c.body.bySeverity.danger).toBe(
      all.filter((a) => a.status !== 'resolved' && a.severity === 'danger').length,
    )
    expect((await org.outsider.get('/api/v1/alerts/counts')).body.byStatus.open).toBe(0)
  })

  it('tells the account manager at once through the rule engine (in the app and by e-mail)', async () => {
    const acc = await account()
    // The new account's own events first: a late health recompute would otherwise undo the band set here.
    await quiet()
    await setBand(acc.id, 'at_risk', '20')
    await evaluate()
    const [a] = await alertsOf(acc.id, 'band_at_risk')
    expect(a, 'the at-risk band raised its alert').toBeDefined()
    const note = await waitFor(async () =>
      ((await org.sales.get('/api/v1/inbox')).body.notifications as any[]).find((x) =>
        String(x.subject).includes(acc.name),
      ),
    )
    expect(note.subject).toMatch(/Alert/)
    const run = await waitFor(async () =>
      ((await org.admin.get(`/api/v1/rule-runs?entityId=${a.id}`)).body.data as any[]).find(
        (r) => r.status === 'succeeded',
      ),
    )
    const detail = (await org.admin.get(`/api/v1/rule-runs/${run.id}`)).body
    expect(JSON.stringify(detail)).toMatch(/email/)
  })
})
