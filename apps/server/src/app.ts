import { createHttpServer, type App } from './core/http/server'
import { registerAuthRoutes, resolvePrincipal } from './modules/users'
import { collectionResources, Webhook, WebhookCreate, WebhookUpdate } from '@openkam/contract'
import { registerCollectionRoutes } from './core/http/collection-routes'
import { registerExportRoute } from './core/http/export-routes'
import { registerBulkUpdateRoute } from './core/http/bulk-update-routes'
import { accountCollection } from './modules/accounts'
import { activityCollection } from './modules/activities'
import {
  contractCollection,
  invoiceCollection,
  orderCollection,
  paymentCollection,
  quoteCollection,
} from './modules/commerce'
import { contactCollection, registerContactDuplicateRoutes } from './modules/contacts'
import { leadCollection, registerLeadRoutes } from './modules/leads'
import { registerAccount360Routes } from './modules/account360'
import { registerDecisionMapRoutes } from './modules/decision-map'
import { registerHandoverRoutes } from './modules/handover'
import { registerHandoffRoutes } from './modules/handoffs'
import { registerAlertRoutes } from './modules/alerts'
import { registerLifecycleRoutes } from './modules/lifecycle'
import { registerRenewalRoutes } from './modules/renewals'
import { registerHealthRoutes } from './modules/health'
import { registerSurveyRoutes } from './modules/surveys'
import { registerQualificationRoutes } from './modules/qualification'
import { registerTierRoutes } from './modules/tiers'
import { registerBusinessCalendarRoutes } from './modules/tickets'
import {
  registerDashboardRoutes,
  registerMetricRoutes,
  registerReportBuilderRoutes,
  registerReportRoutes,
} from './modules/reports'
import { registerMarketingRoutes, touchCollection } from './modules/marketing'
import { opportunityCollection } from './modules/opportunities'
import { taskCollection } from './modules/tasks'
import { registerTicketRoutingRoutes, ticketCollection } from './modules/tickets'
import { registerTicketQueueRoutes } from './modules/ticket-queue'
import { registerAuditRoutes } from './modules/audit'
import { registerSearchRoutes } from './modules/search'
import { registerImportRoutes } from './modules/imports'
import { registerListViewRoutes } from './modules/list-views'
import { registerSetupRoutes, registerWorkspaceRoutes } from './modules/workspaces'
import { createWorkspaceFromBuiltIn, registerTemplateRoutes } from './modules/templates'
import { seedDemo } from './demo/seed'
import { registerAccountMergeRoutes } from './modules/account-merge'
import { registerJobRoutes } from './core/jobs/routes'
import { registerRuleRoutes } from './modules/rules'
import {
  objectKeys,
  registerCustomObjectRoutes,
  registerFieldAccessRoutes,
  registerFieldRoutes,
} from './modules/fields'
import { registerNotificationRoutes, webhookCollection } from './modules/notifications'
import { registerFileRoutes, registerPipelineRoutes } from './modules/pipelines'
import { defaultWebDir, type Runtime } from './runtime'
import { VERSION } from './version'
import { registerApprovalRoutes } from './modules/approvals'
import { registerAcknowledgementRoutes } from './modules/tickets'
import { registerRatingRoutes, registerTicketMessageRoutes } from './modules/tickets'
import { registerPortalRoutes } from './modules/portal'
import { registerEmailIntakeRoutes } from './modules/tickets'
import { registerFinanceRoutes } from './modules/finance'
import { registerOperatorRoutes } from './modules/operator'
import { registerInsightRoutes } from './modules/insights'
import { registerExpansionRoutes } from './modules/expansion'

/** The HTTP application: the kernel from core/ with every module's routes. */
export async function buildApp(
  rt: Runtime,
  opts: { logger?: boolean; logStream?: { write(line: string): void }; web?: boolean } = {},
): Promise<App> {
  const db = rt.database.db
  const app = await createHttpServer({
    config: rt.config,
    events: rt.events,
    resolvePrincipal: (token) => resolvePrincipal(db, token),
    isReady: () => rt.isReady(),
    foreground: rt.foreground,
    version: VERSION,
    logger: opts.logger,
    logStream: opts.logStream,
    webDir: opts.web === false ? undefined : (rt.config.webDir ?? defaultWebDir()),
  })
  registerAuthRoutes(app, db, rt.config, { objectKeys })
  registerFieldRoutes(app, db, { jobs: rt.jobs })
  registerFieldAccessRoutes(app, db)
  registerCustomObjectRoutes(app, db, { jobs: rt.jobs })
  registerWorkspaceRoutes(app, db)
  registerTemplateRoutes(app, db, { jobs: rt.jobs })
  registerOperatorRoutes(app, db, { events: rt.events, jobs: rt.jobs })
  registerSetupRoutes(app, db, {
    config: rt.config,
    events: rt.events,
    templates: {
      standard: (tx, events, w) =>
        createWorkspaceFromBuiltIn(tx, events, rt.jobs, 'standard', {
          name: w.name,
          slug: 'default',
          locale: w.locale,
        }),
      saas: (tx, events, w) =>
        createWorkspaceFromBuiltIn(tx, events, rt.jobs, 'saas', {
          name: w.name,
          slug: 'default',
          locale: w.locale,
        }),
      demo: (tx, events, w) => seedDemo(tx, events, { lang: w.locale, admin: w.admin }),
    },
  })
  // Collections served by the shared machinery: list, get, create, update, delete, restore, export.
  const collections = [
    accountCollection,
    contactCollection,
    leadCollection,
    opportunityCollection,
    activityCollection,
    quoteCollection,
    orderCollection,
    contractCollection,
    invoiceCollection,
    paymentCollection,
    ticketCollection,
    taskCollection,
    touchCollection,
  ]
  registerAccountMergeRoutes(app, db)
  registerContactDuplicateRoutes(app, db)
  registerMarketingRoutes(app, db)
  registerAccount360Routes(app, db)
  registerDecisionMapRoutes(app, db)
  registerHandoverRoutes(app, db)
  // Reports, dashboards' data and exports read through the read replica when there is one (Database.reads).
  const reads = rt.database.reads ?? db
  registerReportRoutes(app, reads)
  registerInsightRoutes(app, db, { jobs: rt.jobs, reads })
  registerExpansionRoutes(app, db, { jobs: rt.jobs, reads })
  registerReportBuilderRoutes(app, db, reads)
  registerMetricRoutes(app, db)
  registerDashboardRoutes(app, db, {
    jobs: rt.jobs,
    events: rt.events,
    parallel: rt.database.kind === 'postgres',
    reads,
  })
  registerLeadRoutes(app, db, { events: rt.events, jobs: rt.jobs })
  // Each collection's static /export route goes before its /:id routes.
  for (const collection of collections) {
    const resource = collectionResources[collection.def.name as keyof typeof collectionResources]
    registerExportRoute(app, reads, collection, resource.Record)
    registerBulkUpdateRoute(app, db, collection, resource.Update)
    registerCollectionRoutes(app, db, collection, resource)
  }
  registerExportRoute(app, reads, webhookCollection, Webhook)
  registerCollectionRoutes(app, db, webhookCollection, {
    Record: Webhook,
    Create: WebhookCreate,
    Update: WebhookUpdate,
  })
  registerNotificationRoutes(app, db, { jobs: rt.jobs, config: rt.config })
  await registerImportRoutes(app, db)
  registerListViewRoutes(app, db)
  registerPipelineRoutes(app, db)
  registerFileRoutes(app, db)
  registerAcknowledgementRoutes(app, db)
  // A ticket's conversation, and the public satisfaction link.
  registerTicketMessageRoutes(app, db)
  registerRatingRoutes(app, db, { events: rt.events })
  registerAuditRoutes(app, db)
  registerSearchRoutes(app, db)
  registerHandoffRoutes(app, db, { events: rt.events, jobs: rt.jobs })
  registerAlertRoutes(app, db)
  registerRenewalRoutes(app, db)
  registerHealthRoutes(app, db)
  registerQualificationRoutes(app, db)
  registerTierRoutes(app, db)
  registerBusinessCalendarRoutes(app, db)
  registerLifecycleRoutes(app, db, { events: rt.events, jobs: rt.jobs })
  registerSurveyRoutes(app, db, { events: rt.events, jobs: rt.jobs })
  registerPortalRoutes(app, db, { events: rt.events, jobs: rt.jobs })
  registerRuleRoutes(app, db, { events: rt.events, jobs: rt.jobs, config: rt.config })
  registerApprovalRoutes(app, db, { jobs: rt.jobs, events: rt.events })
  registerTicketRoutingRoutes(app, db)
  // Tickets from e-mail: the inbound endpoint (its own token, message/rfc822 only) and its settings.
  registerEmailIntakeRoutes(app, db, { events: rt.events })
  registerTicketQueueRoutes(app, db)
  // Settings → Integrations: the finance connector (Kingdee / Yonyou).
  registerFinanceRoutes(app, db, { config: rt.config, events: rt.events, jobs: rt.jobs })
  registerJobRoutes(app, rt.jobRegistry, {
    db,
    jobs: rt.jobs,
    events: rt.events,
    config: rt.config,
    log: app.log,
  })
  await app.ready()
  return app
}
