import { randomBytes } from 'node:crypto'
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import type { JobQueue } from '../core/jobs/jobs'
import {
  defaultScoringConfig,
  leadEvents,
  leadForms,
  leads,
  leadScoringSettings,
  rescoreLeads,
} from '../modules/leads'
import type { Lang } from './demo-data'

const DAY = 86_400_000
type Kind = (typeof leadEvents.$inferInsert)['kind']

/** In-app notifications need no queue; the demo seeds inside the start-up transaction without one. */
const noQueue: JobQueue = { send: async () => undefined, sendMany: async () => undefined }

/** Behaviour by engagement level: [kind, days ago] pairs. */
const patterns: [Kind, number][][] = [
  [],
  [['page_visited', 40]],
  [
    ['page_visited', 3],
    ['email_opened', 5],
  ],
  [
    ['page_visited', 2],
    ['email_clicked', 4],
    ['content_downloaded', 9],
  ],
  [
    ['webinar_attended', 6],
    ['email_clicked', 2],
    ['page_visited', 1],
    ['form_submitted', 12],
  ],
  [
    ['event_attended', 3],
    ['demo_requested', 1],
    ['page_visited', 0],
    ['email_clicked', 2],
  ],
]

/**
 * The lead part of the demo (SPEC R-05): the scoring settings (routing round robin in the east team),
 * a capture form, behaviour for the open leads at every engagement level, then every lead scored by
 * the engine itself — the unowned hot ones are routed, and their new owners notified in the app.
 * Set-based apart from the few routed leads.
 */
export async function seedLeadDemo(
  tx: Executor,
  ctx: Ctx,
  lang: Lang,
  opts: { eastTeamId: string; now?: Date },
) {
  const now = opts.now ?? new Date()
  const config = defaultScoringConfig(lang)
  config.routing = { ...config.routing, strategy: 'round_robin', teamId: opts.eastTeamId }
  await tx.insert(leadScoringSettings).values({ workspaceId: ctx.ws, config })
  await tx.insert(leadForms).values({
    id: newId(),
    workspaceId: ctx.ws,
    name: lang === 'en' ? 'Website contact form' : '官网联系表单',
    key: `lf_${randomBytes(18).toString('base64url')}`,
    source: 'website',
    submissions: 12,
    lastSubmittedAt: new Date(now.getTime() - 2 * DAY),
  })
  const open = await tx
    .select({ id: leads.id, ownerId: leads.ownerId })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ctx.ws),
        isNull(leads.deletedAt),
        inArray(leads.status, ['new', 'working', 'qualified']),
      ),
    )
    .orderBy(asc(leads.createdAt), asc(leads.id))
  const unowned = open.filter((l) => !l.ownerId)
  // Two of the unowned leads are senior people at large companies with strong intent: routing takes them.
  const hot = unowned.slice(0, 2).map((l) => l.id)
  if (hot.length)
    await tx
      .update(leads)
      .set({ title: lang === 'en' ? 'CIO' : '首席信息官（CIO）', employees: 1500, source: 'event' })
      .where(and(eq(leads.workspaceId, ctx.ws), inArray(leads.id, hot)))
  const rows: (typeof leadEvents.$inferInsert)[] = []
  open.forEach((l, i) => {
    const level = hot.includes(l.id) ? 5 : !l.ownerId ? i % 2 : i % patterns.length
    for (const [kind, days] of patterns[level]!)
      rows.push({
        id: newId(),
        workspaceId: ctx.ws,
        leadId: l.id,
        kind,
        at: new Date(now.getTime() - days * DAY - (i % 7) * 3_600_000),
        source: kind === 'form_submitted' ? 'form' : 'marketing',
      })
  })
  if (rows.length) await tx.insert(leadEvents).values(rows)
  const r = await rescoreLeads(tx, { events: ctx.events, jobs: noQueue }, ctx.ws, { now, silent: true })
  return { events: rows.length, scored: r.scored, routed: r.routed }
}
