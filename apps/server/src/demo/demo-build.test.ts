import { sopPipeline } from '../modules/pipelines/template'
import { describe, expect, it } from 'vitest'
import {
  accountResource,
  activityKinds,
  activityResource,
  contactResource,
  contractResource,
  invoiceResource,
  leadResource,
  opportunityResource,
  opportunityStages,
  opportunityTypes,
  orderResource,
  paymentResource,
  quoteResource,
  taskResource,
  ticketPriorities,
  ticketResource,
  ticketStatuses,
  ticketTypes,
  touchResource,
} from '@openkam/contract'
import { defaultThresholds, maturityOf, maturityOrder, sizeBandOf } from '../modules/qualification'
import { buildDemo, type DemoBuild } from './demo-build'
import { demoTeams, demoUsers } from './demo-data'
import type { TeamKey, UserKey } from './demo-model'
import type { Lang } from './demo-random'

const DAY = 86_400_000
const now = new Date('2026-03-15T07:30:00.000Z')

/** Counter ids, so that two builds can be compared whole. */
function build(lang: Lang, at = now): DemoBuild {
  let n = 0
  const newId = () => `00000000-0000-7000-8000-${String(n++).padStart(12, '0')}`
  const users = Object.fromEntries(demoUsers.map((u) => [u.key, newId()])) as Record<UserKey, string>
  const teams = Object.fromEntries(demoTeams.map((t) => [t.key, newId()])) as Record<TeamKey, string>
  return buildDemo({ lang, now: at, newId, users, teams })
}

const zh = build('zh-CN')
const en = build('en')

const countBy = <R>(rows: R[], f: (r: R) => unknown) => {
  const m = new Map<unknown, number>()
  for (const r of rows) m.set(f(r), (m.get(f(r)) ?? 0) + 1)
  return m
}
const keys = <R>(rows: R[], f: (r: R) => unknown) => [...new Set(rows.map(f))].sort()

/** A generated row in the shape the API accepts on create: only the resource's fields, dates as ISO text. */
function wire(schema: { shape: object }, row: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(schema.shape)) {
    const v = row[k]
    if (v !== undefined) out[k] = v instanceof Date ? v.toISOString() : v
  }
  return out
}

describe('the demo data', () => {
  it('is the same every time for a language, and has the same shape in both languages', () => {
    expect(build('zh-CN')).toEqual(zh)
    const later = build('zh-CN', new Date(now.getTime() + 37 * DAY + 13 * 3_600_000))
    expect(later.accounts.map((a) => a.name)).toEqual(zh.accounts.map((a) => a.name))
    expect(later.activities.map((a) => a.subject)).toEqual(zh.activities.map((a) => a.subject))
    for (const k of Object.keys(zh) as (keyof DemoBuild)[]) expect(en[k].length, k).toBe(zh[k].length)
  })

  it('writes Chinese names in zh-CN and ASCII English names in en', () => {
    const cjk = /[\u4e00-\u9fff]/
    expect(zh.accounts.every((a) => cjk.test(a.name))).toBe(true)
    expect(zh.contacts.every((c) => cjk.test(c.name))).toBe(true)
    expect(en.accounts.every((a) => /^[\x20-\x7e]+$/.test(a.name))).toBe(true)
    expect(en.contacts.every((c) => /^[A-Za-z]+ [A-Za-z]+$/.test(c.name))).toBe(true)
    expect(new Set(zh.accounts.map((a) => a.name)).size).toBe(zh.accounts.length)
  })

  const same = (r: Record<string, unknown>) => r
  const money = (r: Record<string, unknown>) => ({
    ...r,
    annualRevenue: { amount: r.annualRevenue },
    annualSpend: { amount: r.annualSpend },
  })
  it.each([
    ['accounts', accountResource, money],
    ['contacts', contactResource, same],
    ['leads', leadResource, same],
    ['opportunities', opportunityResource, same],
    ['activities', activityResource, same],
    ['quotes', quoteResource, same],
    ['contracts', contractResource, same],
    ['orders', orderResource, same],
    ['invoices', invoiceResource, same],
    ['payments', paymentResource, same],
    ['tickets', ticketResource, same],
    ['tasks', taskResource, same],
    ['touches', touchResource, same],
  ] as [keyof DemoBuild, { Create: any }, typeof same][])(
    'generates %s that the API would accept',
    (name, resource, adapt) => {
      for (const data of [zh, en]) {
        for (const row of data[name] as Record<string, unknown>[]) {
          const res = resource.Create.safeParse(wire(resource.Create, adapt(row)))
          expect(res.error?.issues ?? [], `${name} ${String(row.id)}`).toEqual([])
        }
      }
    },
  )

  it('has accounts in every industry, size and tier, with tier and size consistent with the numbers', () => {
    expect(zh.accounts.length).toBeGreaterThanOrEqual(80)
    expect(zh.accounts.length).toBeLessThanOrEqual(100)
    const main = ['manufacturing', 'finance', 'retail', 'healthcare', 'education', 'saas', 'logistics']
    expect(keys(zh.accounts, (a) => a.industry)).toEqual(expect.arrayContaining(main))
    expect(keys(zh.accounts, (a) => a.sizeBand)).toEqual(['growth', 'large', 'small'])
    expect(keys(zh.accounts, (a) => a.tier)).toEqual(['essential', 'growth', 'strategic'])
    for (const a of zh.accounts) {
      const spend = Number(a.annualSpend)
      expect(a.tier).toBe(spend >= 1_000_000 ? 'strategic' : spend >= 100_000 ? 'growth' : 'essential')
      const e = a.employees!
      expect(a.sizeBand).toBe(e >= 2000 ? 'large' : e >= 300 ? 'growth' : 'small')
      expect(a.teamId).toBeTruthy()
    }
    expect(new Set(zh.accounts.map((a) => a.creditCode)).size).toBe(zh.accounts.length)
    expect(zh.accounts.filter((a) => a.csmId).length).toBeGreaterThan(zh.accounts.length / 2)
  })

  it('gives every account 4–12 contacts in one org chart with a single head and no loops', () => {
    const byAccount = new Map<string, DemoBuild['contacts']>()
    for (const c of zh.contacts) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c])
    expect(byAccount.size).toBe(zh.accounts.length)
    const byId = new Map(zh.contacts.map((c) => [c.id, c]))
    for (const people of byAccount.values()) {
      expect(people.length).toBeGreaterThanOrEqual(4)
      expect(people.length).toBeLessThanOrEqual(12)
      const heads = people.filter((c) => !c.reportsToId)
      expect(heads.map((h) => h.buyingRole)).toEqual(['economic_buyer'])
      for (const c of people) {
        const seen = new Set<string>()
        for (let p = c; p.reportsToId; p = byId.get(p.reportsToId)!) {
          expect(seen.has(p.id)).toBe(false)
          seen.add(p.id)
          expect(byId.get(p.reportsToId)!.accountId).toBe(c.accountId)
        }
      }
    }
    const left = zh.contacts.filter((c) => !c.active)
    expect(left.length).toBeGreaterThan(5)
    expect(left.every((c) => c.leftAt instanceof Date)).toBe(true)
  })

  it('has 18 months of activities, and each contact was last contacted at their latest activity', () => {
    expect(zh.activities.length).toBeGreaterThanOrEqual(4000)
    expect(zh.activities.length).toBeLessThanOrEqual(6000)
    expect(keys(zh.activities, (a) => a.kind)).toEqual([...activityKinds].sort())
    const times = zh.activities.map((a) => a.occurredAt.getTime())
    expect(Math.max(...times)).toBeLessThan(now.getTime())
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 550 * DAY)
    expect(Math.min(...times)).toBeLessThan(now.getTime() - 500 * DAY)
    const meetings = zh.activities.filter((a) => a.kind === 'meeting')
    expect(meetings.every((m) => m.body && m.durationMinutes)).toBe(true)
    const accountOf = new Map(zh.contacts.map((c) => [c.id, c.accountId]))
    const latest = new Map<string, number>()
    for (const a of zh.activities) {
      for (const id of a.contactIds!) {
        expect(accountOf.get(id)).toBe(a.accountId)
        latest.set(id, Math.max(latest.get(id) ?? 0, a.occurredAt.getTime()))
      }
    }
    for (const c of zh.contacts) expect(c.lastContactedAt?.getTime() ?? null).toBe(latest.get(c.id) ?? null)
  })

  it('has activities about leads being worked (no account yet) and about contracts (on their account)', () => {
    const leadsById = new Map(zh.leads.map((l) => [l.id, l]))
    const onLeads = zh.activities.filter((a) => a.relatedType === 'lead')
    expect(onLeads.length).toBeGreaterThan(5)
    for (const a of onLeads) {
      expect(a.accountId).toBeNull()
      expect(['working', 'qualified']).toContain(leadsById.get(a.relatedId!)?.status)
      expect(a.ownerId).toBe(leadsById.get(a.relatedId!)?.ownerId)
    }
    const contractsById = new Map(zh.contracts.map((c) => [c.id, c]))
    const onContracts = zh.activities.filter((a) => a.relatedType === 'contract')
    expect(onContracts.length).toBeGreaterThan(5)
    for (const a of onContracts) expect(a.accountId).toBe(contractsById.get(a.relatedId!)?.accountId)
  })

  it('has deals in every stage, type and outcome, and contracts, invoices and payments around them', () => {
    // Probabilities and reasons are the default pipeline's, so the forecast and win/loss report match it.
    const sop = sopPipeline('zh-CN')
    const probabilities: Record<string, number> = Object.fromEntries(
      sop.stages.map((s) => [s.key, s.probability]),
    )
    expect(zh.opportunities.length).toBeGreaterThanOrEqual(200)
    expect(keys(zh.opportunities, (o) => o.stage)).toEqual([...opportunityStages].sort())
    // Every column of the board (open deals only) holds deals, the late stages too (issue 18.9).
    for (const data of [zh, en]) {
      const open = data.opportunities.filter((o) => o.status === 'open')
      expect(keys(open, (o) => o.stage)).toEqual([...opportunityStages].sort())
      expect(open.filter((o) => o.stage === 'implementation').length).toBeGreaterThanOrEqual(3)
    }
    expect(keys(zh.opportunities, (o) => o.type)).toEqual([...opportunityTypes].sort())
    expect(keys(zh.opportunities, (o) => o.status)).toEqual(['lost', 'open', 'won'])
    for (const o of zh.opportunities) {
      if (o.status === 'lost') expect(o.lossReason && o.lostAt && o.closeNote).toBeTruthy()
      if (o.status === 'lost') expect(sop.lossReasons).toContain(o.lossReason)
      if (o.status === 'won') expect(o.wonAt).toBeInstanceOf(Date)
      if (o.status === 'won') expect(sop.winReasons).toContain(o.winReason)
      if (o.status !== 'lost') expect(o.probability).toBe(probabilities[o.stage!])
    }
    const today = now.toISOString().slice(0, 10)
    const in90 = new Date(now.getTime() + 90 * DAY).toISOString().slice(0, 10)
    const active = zh.contracts.filter((c) => c.status === 'active')
    expect(active.filter((c) => c.endDate! <= in90).length).toBeGreaterThanOrEqual(5)
    expect(zh.contracts.filter((c) => c.status === 'ended' && c.endDate! < today).length).toBeGreaterThan(10)
    const overdue = zh.payments.filter((p) => p.status === 'overdue')
    expect(overdue.length).toBeGreaterThanOrEqual(5)
    expect(overdue.every((p) => p.dueDate! < today && p.paidDate === null)).toBe(true)
    expect(zh.invoices.some((i) => i.status === 'overdue')).toBe(true)
    expect(zh.orders.length).toBeGreaterThan(100)
  })

  it('has accounts in every size × maturity cell of the segment matrix, in both languages', () => {
    const today = now.toISOString().slice(0, 10)
    const cells = ['large', 'growth', 'small'].flatMap((s) => maturityOrder.map((m) => `${s}:${m}`))
    for (const data of [zh, en]) {
      const count = new Map<string, number>()
      for (const a of data.accounts) {
        const deals = data.opportunities.filter((o) => o.accountId === a.id)
        // As the segment engine reads the records (qualification.repository `segmentInputs`).
        const customer =
          data.contracts.some(
            (c) => c.accountId === a.id && ['active', 'approved'].includes(c.status!) && c.endDate! >= today,
          ) || deals.some((o) => o.status === 'won' && o.wonAt!.getTime() >= now.getTime() - 365 * DAY)
        const openStages = deals.filter((o) => o.status === 'open').map((o) => o.stage!)
        const size = sizeBandOf(
          { employees: a.employees ?? null, annualRevenue: Number(a.annualRevenue), sizeBand: null },
          defaultThresholds,
        )
        const key = `${size}:${maturityOf({ customer, openStages })}`
        count.set(key, (count.get(key) ?? 0) + 1)
      }
      expect(cells.filter((c) => !count.get(c))).toEqual([])
      // The large prospect whose evaluation was lost went back to marketing: the one account without an owner.
      const unowned = data.accounts.filter((a) => a.ownerId === null)
      expect(unowned.map((a) => a.sizeBand)).toEqual(['large'])
      const its = data.opportunities.filter((o) => o.accountId === unowned[0]!.id)
      expect(its.length).toBeGreaterThan(0)
      expect(its.every((o) => o.status === 'lost')).toBe(true)
    }
  })

  it('has tickets of every type, priority and status, scored only once resolved', () => {
    expect(zh.tickets.length).toBeGreaterThanOrEqual(250)
    expect(keys(zh.tickets, (t) => t.type)).toEqual([...ticketTypes].sort())
    expect(keys(zh.tickets, (t) => t.priority)).toEqual([...ticketPriorities].sort())
    expect(keys(zh.tickets, (t) => t.status)).toEqual([...ticketStatuses].sort())
    const accountOf = new Map(zh.contacts.map((c) => [c.id, c.accountId]))
    for (const t of zh.tickets) {
      if (t.satisfaction !== null) expect(['resolved', 'closed']).toContain(t.status)
      expect(accountOf.get(t.contactId!)).toBe(t.accountId)
      if (t.resolvedAt) expect(t.resolvedAt.getTime()).toBeLessThan(now.getTime())
    }
    const scores = countBy(zh.tickets, (t) => t.satisfaction)
    for (const s of [1, 2, 3, 4, 5]) expect(scores.get(s)).toBeGreaterThan(0)
  })

  it('has open tasks due around today for the demo people, and marketing touches', () => {
    const open = zh.tasks.filter((t) => t.status === 'open')
    expect(open.length).toBeGreaterThanOrEqual(35)
    for (const t of open) {
      expect(Math.abs(t.dueAt!.getTime() - now.getTime())).toBeLessThan(15 * DAY)
    }
    expect(new Set(open.map((t) => t.assigneeId)).size).toBeGreaterThanOrEqual(8)
    expect(zh.touches.length).toBeGreaterThanOrEqual(1000)
    expect(countBy(zh.touches, (t) => t.kind).size).toBe(6)
  })
})
