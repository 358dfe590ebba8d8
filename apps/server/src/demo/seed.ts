import type { Executor } from '../core/db/types'
import type { EventSink } from '../core/events/bus'
import type { Ctx } from '../core/context'
import { newId } from '../core/ids'
import { createWorkspaceFromTemplate } from '../modules/templates'
import { teamCollection, userCollection } from '../modules/users'
import { accounts } from '../modules/accounts'
import { activities } from '../modules/activities'
import { contacts } from '../modules/contacts'
import { contracts, invoices, orders, payments, quotes } from '../modules/commerce'
import { leads } from '../modules/leads'
import { marketingTouches } from '../modules/marketing'
import { opportunities } from '../modules/opportunities'
import { tasks } from '../modules/tasks'
import { tickets } from '../modules/tickets'
import { buildDemo } from './demo-build'
import { demoTeams, demoUsers, DEMO_PASSWORD, type Lang } from './demo-data'
import { insertRows } from './demo-insert'
import type { TeamKey, UserKey } from './demo-model'
import { playAutomationScenes } from './demo-automation'
import { playLifecycleScenes } from './demo-handoffs'
import { seedPipelineDemo } from './demo-pipeline'
import { seedHealthDemo } from './demo-health'
import { seedQualificationDemo } from './demo-qualification'
import { seedSurveyDemo } from './demo-surveys'
import { seedAlertDemo, settleDemoAlerts } from './demo-alerts'
import { seedValueDemo } from './demo-insight-value'
import { seedTierDemo } from './demo-tiers'
import { seedLeadDemo } from './demo-lead-scenes'
import { seedDecisionMapDemo } from './demo-decision-map'
import { seedCustomFieldDemo, seedSiteVisitDemo } from './demo-custom-fields'
import { seedSiteVisitRule } from './demo-site-visit-rule'
import { seedCohortDemo } from './demo-insight-cohorts'
import './demo.events'
import { seedApprovalDemo } from './demo-approvals'
import { seedMetricsDemo } from './demo-metrics'
import { seedListViewDemo } from './demo-list-views'
import { seedImportMappingDemo } from './demo-import-mappings'
import { seedTicketRoutingDemo } from './demo-ticket-routing'
import { seedTicketConversationDemo } from './demo-ticket-conversations'
import { numberUnnumberedTickets } from '../modules/tickets'
import { seedServiceLevels } from '../modules/tickets'
import { seedSmsDemo } from './demo-sms'
import { seedExpansionDemo } from './demo-insight-expansion'
import { seedChurnDemo } from './demo-insight-churn'
import { seedClusterDemo } from './demo-insight-clusters'

export { DEMO_PASSWORD }
export const DEMO_ADMIN_EMAIL = 'admin@demo.openkam.local'

/**
 * The demo workspace, deterministic for a language: people in every role and teams (through the
 * services), then about 90 accounts with their buying committees, 18 months of activities, the pipeline,
 * contracts, orders, invoices and payments, tickets, tasks, leads and marketing touches — generated in
 * memory and inserted in batches with an audit entry per row, and one `demo.seeded` event.
 */
export async function seedDemo(
  tx: Executor,
  events: EventSink,
  opts: { lang: Lang; admin?: { email: string; password: string } },
): Promise<Ctx> {
  const { lang } = opts
  const ctx = await createWorkspaceFromTemplate(tx, events, {
    name: lang === 'zh-CN' ? '演示公司（OpenKAM）' : 'Demo Company (OpenKAM)',
    slug: 'demo',
    locale: lang,
    isDemo: true,
  })
  const users = {} as Record<UserKey, string>
  for (const u of demoUsers) {
    const rec = await userCollection.create(tx, ctx, {
      email: u.email,
      name: u.name[lang],
      title: u.title[lang],
      password: DEMO_PASSWORD,
      roles: [u.role],
      locale: lang,
    })
    users[u.key] = rec.id
  }
  if (opts.admin && !demoUsers.some((u) => u.email === opts.admin!.email)) {
    await userCollection.create(tx, ctx, {
      email: opts.admin.email,
      name: opts.admin.email.split('@')[0],
      password: opts.admin.password,
      roles: ['admin'],
      locale: lang,
    })
  }
  const teams = {} as Record<TeamKey, string>
  for (const t of demoTeams) {
    const rec = await teamCollection.create(tx, ctx, {
      name: t.name[lang],
      description: t.description[lang],
      managerId: users[t.manager],
      memberIds: t.members.map((m) => users[m]),
    })
    teams[t.key] = rec.id
  }

  const data = buildDemo({ lang, now: new Date(), newId, users, teams })
  const counts: Record<string, number> = {
    accounts: await insertRows(tx, ctx, accounts, 'account', data.accounts),
    contacts: await insertRows(tx, ctx, contacts, 'contact', data.contacts),
    leads: await insertRows(tx, ctx, leads, 'lead', data.leads),
    opportunities: await insertRows(tx, ctx, opportunities, 'opportunity', data.opportunities),
    quotes: await insertRows(tx, ctx, quotes, 'quote', data.quotes),
    contracts: await insertRows(tx, ctx, contracts, 'contract', data.contracts),
    orders: await insertRows(tx, ctx, orders, 'order', data.orders),
    invoices: await insertRows(tx, ctx, invoices, 'invoice', data.invoices),
    payments: await insertRows(tx, ctx, payments, 'payment', data.payments),
    activities: await insertRows(tx, ctx, activities, 'activity', data.activities),
    tickets: await insertRows(tx, ctx, tickets, 'ticket', data.tickets),
    tasks: await insertRows(tx, ctx, tasks, 'task', data.tasks),
    marketingTouches: await insertRows(tx, ctx, marketingTouches, 'marketing_touch', data.touches),
  }
  // Routing rules before the scenes that open tickets: those are routed as any new ticket is.
  counts.ticketRoutingRules = await seedTicketRoutingDemo(tx, ctx, lang, users)
  counts.pipeline = await seedPipelineDemo(tx, ctx, data.opportunities, lang, users)
  counts.automationScenes = Object.values(await playAutomationScenes(tx, ctx, lang)).reduce(
    (a, b) => a + b,
    0,
  )
  counts.lifecycleScenes = Object.values(await playLifecycleScenes(tx, ctx, lang)).reduce((a, b) => a + b, 0)
  counts.surveyResponses = (await seedSurveyDemo(tx, ctx, lang)).responses
  counts.potentialScores = await seedQualificationDemo(tx, ctx, lang)
  counts.healthMetrics = await seedHealthDemo(tx, ctx, lang)
  counts.alerts = (await seedAlertDemo(tx, ctx, lang)).alerts
  Object.assign(counts, await seedValueDemo(tx, ctx, lang))
  counts.tierChanges = Object.values(await seedTierDemo(tx, ctx, lang, { managerId: users.mgrEast })).reduce(
    (a, b) => a + b,
    0,
  )
  counts.leadEvents = (await seedLeadDemo(tx, ctx, lang, { eastTeamId: teams.east })).events
  counts.decisionMapAccounts = (await seedDecisionMapDemo(tx, ctx, lang)).accounts
  counts.customFieldValues = await seedCustomFieldDemo(tx, ctx, lang)
  counts.siteVisits = await seedSiteVisitDemo(tx, ctx, lang)
  counts.siteVisitRules = await seedSiteVisitRule(tx, ctx, lang)
  counts.seminarTouches = await seedCohortDemo(tx, ctx, lang)
  counts.approvals = await seedApprovalDemo(tx, ctx, lang, users)
  const metricsDemo = await seedMetricsDemo(tx, ctx, lang)
  counts.handoffHistory = metricsDemo.handoffs
  counts.goLives = metricsDemo.goLives
  counts.listViews = await seedListViewDemo(tx, ctx, lang, teams)
  counts.importMappings = await seedImportMappingDemo(tx, ctx, lang)
  counts.expansionSuggestions = await seedExpansionDemo(tx, ctx, lang)
  counts.churnFormerCustomers = (await seedChurnDemo(tx, ctx, lang)).formerCustomers
  // Last: the clustering reads everything above (accounts, contracts, health, activities, tickets).
  counts.accountClusters = await seedClusterDemo(tx, ctx, lang)
  // The demo's tickets were written in bulk: they get their numbers in the order they were opened.
  await numberUnnumberedTickets(tx, ctx.ws)
  // SMS filled with sample values and switched off: no real provider behind the demo.
  await seedSmsDemo(tx, ctx.ws, lang)
  counts.ticketMessages = (await seedTicketConversationDemo(tx, ctx, lang)).messages
  // Service levels of the tickets written in bulk: due times from their tiers; met, at risk or breached now.
  const sla = await seedServiceLevels(tx, ctx, new Date())
  counts.serviceLevelTickets = Object.values(sla).reduce((a, b) => a + b, 0)
  counts.alerts += await settleDemoAlerts(tx, ctx)
  await events.emit(tx, ctx, [
    { type: 'demo.seeded', entityType: 'workspace', entityId: ctx.ws, payload: { lang, counts } },
  ])
  return ctx
}
