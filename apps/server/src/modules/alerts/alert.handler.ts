import { relationshipAlertTypes, type AlertRuleType } from '@openkam/contract'
import type { EventHandler } from '../../core/events/registry'
import { evaluateWorkspace, type AlertDeps } from './alert.evaluate'

const keySignals = ['contact.left', 'contact.role_changed', 'contact.key_contact_replaced']
const contactWrites = ['contact.created', 'contact.updated', 'contact.deleted', 'contact.restored']
const activityWrites = ['activity.created', 'activity.updated', 'activity.deleted', 'activity.restored']

/**
 * Immediate alerts, only for the account concerned and in the handler's transaction (exactly once per
 * event): a band that falls to at risk (`account.health_changed`) is checked for the band rule; a
 * key-contact signal (R-29: a champion or economic buyer left, changed role or was replaced) for the
 * usage-drop rule and the relationship rules; any contact write for the relationship rules (a new
 * champion or a covered committee role clears theirs); an activity for the silent-key-contact rule.
 */
export const alertOnSignalsHandler = (deps: AlertDeps): EventHandler => ({
  name: 'alerts.on_signals',
  events: ['account.health_changed', ...keySignals, ...contactWrites, ...activityWrites],
  async handle(tx, event) {
    const p = event.payload as {
      accountId?: string
      to?: string
      keyContact?: boolean
      record?: { accountId?: string | null }
    }
    const accountId =
      p.accountId ?? p.record?.accountId ?? (event.entityType === 'account' ? event.entityId : null)
    if (!accountId) return
    let types: AlertRuleType[]
    if (event.type === 'account.health_changed') {
      if (p.to !== 'at_risk') return
      types = ['band_at_risk', 'usage_drop_key_contact']
    } else if (keySignals.includes(event.type)) {
      types = p.keyContact
        ? ['usage_drop_key_contact', ...relationshipAlertTypes]
        : [...relationshipAlertTypes]
    } else if (contactWrites.includes(event.type)) types = [...relationshipAlertTypes]
    else types = ['key_contact_silent']
    await evaluateWorkspace(tx, deps, event.workspaceId, {
      accountIds: [accountId],
      types,
      cause: event.cause,
    })
  },
})
