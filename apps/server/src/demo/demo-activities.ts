import type { activityKinds, touchKinds } from '@openkam/contract'
import {
  baseRow,
  workMinute,
  presentOn,
  type AccountPlan,
  type ActivityRow,
  type ContactPlan,
  type DealPlan,
  type Gen,
  type TouchRow,
  type UserKey,
} from './demo-model'
import { fill } from './demo-random'
import {
  activitySubjects,
  minutesConclusions,
  minutesNextSteps,
  minutesTemplate,
  minutesTopics,
  onlineLocations,
  shortNotes,
  touchCampaigns,
  touchTitles,
} from './demo-text'
import { competitorProducts } from './demo-words'
import { demoUsers } from './demo-data'

type Kind = (typeof activityKinds)[number]
type TouchKind = (typeof touchKinds)[number]

/** Eighteen months, in days. */
export const HISTORY_DAYS = 548

/** Activities per account over the whole history, by tier (prospects by their own count). */
const perAccount = { strategic: 105, growth: 60, essential: 28, prospect: 36 }
const touchesPerAccount = { strategic: 20, growth: 17, essential: 13, prospect: 26 }

const kinds: readonly (readonly [Kind, number])[] = [
  ['email', 28],
  ['call', 25],
  ['meeting', 18],
  ['visit', 10],
  ['note', 10],
  ['enquiry', 9],
]
const touchKindWeights: readonly (readonly [TouchKind, number])[] = [
  ['email_opened', 30],
  ['page_visited', 25],
  ['email_clicked', 20],
  ['webinar_attended', 9],
  ['event_attended', 8],
  ['form_submitted', 8],
]
const SITE = 'https://www.openkam-demo.example'

/**
 * Eighteen months of interactions: calls, e-mails, meetings with minutes, visits, enquiries and notes,
 * with the contacts who took part and the deal they were about. Sets each contact's lastContactedAt
 * to the latest activity that lists them.
 */
export function buildActivities(g: Gen, accounts: AccountPlan[], deals: DealPlan[]): ActivityRow[] {
  const { rng, clock } = g
  const out: ActivityRow[] = []
  const names = new Map(demoUsers.map((u) => [u.key, g.tr(u.name)]))
  for (const a of accounts) {
    const start = Math.max(a.createdDay, -HISTORY_DAYS)
    const share = (-1 - start) / HISTORY_DAYS
    const n = Math.round(perAccount[a.customer ? a.tier : 'prospect'] * share * rng.float(0.8, 1.2))
    const accountDeals = deals.filter((d) => d.account === a)
    const last = new Map<ContactPlan, Date>()
    for (let i = 0; i < n; i++) {
      const day = rng.int(start, -1)
      const kind = rng.weighted(kinds)
      const present = presentOn(a, day)
      const count =
        kind === 'meeting'
          ? rng.int(1, 3)
          : kind === 'visit'
            ? rng.int(1, 2)
            : kind === 'note'
              ? rng.int(0, 1)
              : 1
      const people = rng.sample(present, count)
      const post = a.sinceDay !== null && day > a.sinceDay
      const owner: UserKey =
        post && a.csm && rng.chance(0.3)
          ? a.csm
          : (kind === 'meeting' || kind === 'visit') && rng.chance(0.15)
            ? 'presales'
            : a.owner
      const deal = accountDeals.find((d) => d.createdDay <= day && day <= d.closeDay)
      // A note may mention someone without listing them as a participant.
      const contact = (people[0] ?? present[0] ?? a.contacts[0]!).row.name
      const vars = {
        product: g.tr(a.product),
        contact,
        competitor: g.tr(rng.pick(competitorProducts)),
        district: g.tr(a.city.district),
      }
      const subject = fill(g.tr(rng.pick(activitySubjects[kind])), vars)
      const body =
        kind === 'meeting'
          ? fill(g.tr(minutesTemplate), {
              contacts: people.map((p) => p.row.name).join(g.lang === 'zh-CN' ? '、' : ', ') || contact,
              owner: names.get(owner) ?? '',
              topic: fill(g.tr(rng.pick(minutesTopics)), vars),
              conclusion: g.tr(rng.pick(minutesConclusions)),
              next: g.tr(rng.pick(minutesNextSteps)),
            })
          : kind === 'email' && rng.chance(0.5)
            ? null
            : fill(g.tr(rng.pick(shortNotes)), vars)
      const at = clock.at(day, workMinute(g))
      out.push(
        Object.assign(baseRow(g, g.users[owner], at), {
          accountId: a.row.id,
          opportunityId: deal && rng.chance(0.6) ? deal.row.id : null,
          contactIds: people.map((p) => p.row.id),
          kind,
          subject,
          body,
          occurredAt: at,
          durationMinutes:
            kind === 'meeting'
              ? rng.pick([30, 45, 60, 90, 120])
              : kind === 'call'
                ? rng.int(5, 40)
                : kind === 'visit'
                  ? rng.pick([60, 90, 120, 180])
                  : null,
          location:
            kind === 'visit' || (kind === 'meeting' && rng.chance(0.5))
              ? a.row.address!
              : kind === 'meeting'
                ? g.tr(rng.pick(onlineLocations))
                : null,
        }),
      )
      for (const p of people) {
        const prev = last.get(p)
        if (!prev || prev < at) last.set(p, at)
      }
    }
    for (const [p, at] of last) p.row.lastContactedAt = at
  }
  return out
}

/** Marketing responses: events, webinars, e-mails opened and clicked, pages visited, forms sent. */
export function buildTouches(g: Gen, accounts: AccountPlan[]): TouchRow[] {
  const { rng, clock } = g
  const out: TouchRow[] = []
  for (const a of accounts) {
    const start = Math.max(a.createdDay - 30, -HISTORY_DAYS)
    const share = Math.min(1, (-1 - start) / HISTORY_DAYS + 0.2)
    const n = Math.round(touchesPerAccount[a.customer ? a.tier : 'prospect'] * share * rng.float(0.7, 1.3))
    for (let i = 0; i < n; i++) {
      const day = rng.int(start, -1)
      const kind = rng.weighted(touchKindWeights)
      const campaign = rng.pick(touchCampaigns[kind])
      const present = presentOn(a, day)
      const contact = present.length && rng.chance(0.8) ? rng.pick(present) : null
      const name = g.tr(campaign.name)
      const at = clock.at(day, rng.int(8 * 60, 22 * 60))
      out.push(
        Object.assign(baseRow(g, g.users[a.owner], at), {
          accountId: a.row.id,
          contactId: contact?.row.id ?? null,
          leadId: null,
          kind,
          campaign: name,
          title: fill(g.tr(touchTitles[kind]), { name }),
          url: campaign.path ? SITE + campaign.path : kind === 'email_clicked' ? `${SITE}/newsletter` : null,
          occurredAt: at,
          externalId: null,
        }),
      )
    }
  }
  return out
}
