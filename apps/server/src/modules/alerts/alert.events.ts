import type { Alert, AlertRule } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'alert.created': { record: Alert }
    'alert.updated': { record: Alert; changed: string[]; before: Partial<Alert> }
    'alert.deleted': { record: Alert }
    'alert.restored': { record: Alert }
    'alert.acknowledged': { record: Alert }
    'alert.snoozed': { record: Alert }
    'alert.resolved': { record: Alert }
    /** Reopened by a person, or by the evaluation when a snooze ended and the condition still holds. */
    'alert.reopened': { record: Alert; bySnoozeEnd: boolean }
    'alert_rule.created': { record: AlertRule }
    'alert_rule.updated': { record: AlertRule; changed: string[]; before: Partial<AlertRule> }
    'alert_rule.deleted': { record: AlertRule }
    'alert_rule.restored': { record: AlertRule }
  }
}

export {}
