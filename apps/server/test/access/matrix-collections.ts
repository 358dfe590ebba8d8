// The collections whose standard routes the authorization matrix walks, by their URL segment (= permission
// key). A collection served with standard routes but missing here makes the matrix fail (route-access.ts
// cannot classify its routes), so a new one is added here on purpose.
import type { Collection } from '../../src/core/crud/collection'
import { accountCollection } from '../../src/modules/accounts'
import { activityCollection } from '../../src/modules/activities'
import { alertCollection, alertRuleCollection } from '../../src/modules/alerts'
import { approvalFlowCollection } from '../../src/modules/approvals'
import {
  contractCollection,
  invoiceCollection,
  orderCollection,
  paymentCollection,
  quoteCollection,
} from '../../src/modules/commerce'
import { contactCollection } from '../../src/modules/contacts'
import { handoffCollection } from '../../src/modules/handoffs'
import { healthModelCollection } from '../../src/modules/health'
import { importMappingCollection } from '../../src/modules/imports'
import { leadCollection } from '../../src/modules/leads'
import { milestoneCollection, valueKpiCollection } from '../../src/modules/lifecycle'
import { listViewCollection } from '../../src/modules/list-views'
import { touchCollection } from '../../src/modules/marketing'
import { webhookCollection } from '../../src/modules/notifications'
import { opportunityCollection } from '../../src/modules/opportunities'
import { pipelineCollection } from '../../src/modules/pipelines'
import { icpCollection, scoringModelCollection } from '../../src/modules/qualification'
import { dashboardCollection, savedReportCollection, subscriptionCollection } from '../../src/modules/reports'
import { playbookCollection, ruleCollection } from '../../src/modules/rules'
import { surveyCollection, surveyResponseCollection } from '../../src/modules/surveys'
import { taskCollection } from '../../src/modules/tasks'
import { routingRuleCollection, ticketCollection } from '../../src/modules/tickets'
import { roleCollection, teamCollection, userCollection } from '../../src/modules/users'

const list: Collection<any, any, any>[] = [
  accountCollection,
  activityCollection,
  alertCollection,
  alertRuleCollection,
  approvalFlowCollection,
  contractCollection,
  invoiceCollection,
  orderCollection,
  paymentCollection,
  quoteCollection,
  contactCollection,
  handoffCollection,
  healthModelCollection,
  importMappingCollection,
  leadCollection,
  milestoneCollection,
  valueKpiCollection,
  listViewCollection,
  touchCollection,
  webhookCollection,
  opportunityCollection,
  pipelineCollection,
  icpCollection,
  scoringModelCollection,
  dashboardCollection,
  savedReportCollection,
  subscriptionCollection,
  playbookCollection,
  ruleCollection,
  surveyCollection,
  surveyResponseCollection,
  taskCollection,
  routingRuleCollection,
  ticketCollection,
  roleCollection,
  teamCollection,
  userCollection,
]

export const matrixCollections: ReadonlyMap<string, Collection<any, any, any>> = new Map(
  list.map((c) => [c.def.name, c]),
)
