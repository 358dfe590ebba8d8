import './alert.events'
import type { EventHandler } from '../../core/events/registry'
import type { JobDef } from '../../core/jobs/jobs'
import { alertOnSignalsHandler } from './alert.handler'
import { alertsEvaluateJob } from './alert.jobs'
import type { AlertDeps } from './alert.evaluate'

export { alertCollection, alertRuleCollection } from './alert.collection'
export { alerts, alertRules, alertSettings } from './alert.table'
export { registerAlertRoutes } from './alert.routes'
export { setAlertPlaybooks, type AlertPlaybooks } from './alert-playbook'
export { installAlertTemplate, alertRuleTemplates, defaultAlertRules } from './alert.defaults'
export { evaluateAlerts, evaluateWorkspace, type AlertDeps } from './alert.evaluate'
export {
  unresolvedAlertsOf,
  openAlertCounts,
  acknowledgeAlert,
  snoozeAlert,
  resolveAlert,
  reopenAlert,
} from './alert.service'

/** The event handlers of the alerts module: immediate alerts on health band and key-contact signals. */
export const alertHandlers = (deps: AlertDeps): EventHandler[] => [alertOnSignalsHandler(deps)]

/** The jobs of the alerts module: the evaluation (hourly, manual). */
export const alertJobs = (): JobDef[] => [alertsEvaluateJob]
