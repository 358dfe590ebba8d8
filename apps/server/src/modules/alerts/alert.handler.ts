import type { EventHandler } from '../../core/events/registry'
import { evaluateWorkspace, type AlertDeps } from './alert.evaluate'

/**
 * Immediate alerts: a band that falls to at risk (`account.health_changed` from the health engine) is
 * checked at once for the band rule, and a key-contact signal (R-29: a champion or economic buyer left,
 * changed role or was replaced) for the usage-drop rule — only for that account, in the handler's
 * transaction (exactly once per event).
 */
export const alertOnSignalsHandler = (deps: AlertDeps): EventHandler => ({
  name: 'alerts.on_signals',
  events: ['account.health_changed', 'contact.left', 'contact.role_changed', 'contact.key_contact_replaced'],
  async handle(tx, event) {
    const p = event.payload as { accountId?: string; to?: string; keyContact?: boolean }
    const accountId = p.accountId ?? (event.entityType === 'account' ? event.entityId : null)
    if (!accountId) return
    if (event.type === 'account.health_changed') {
      if (p.to !== 'at_risk') return
      await evaluateWorkspace(tx, deps, event.workspaceId, {
        accountIds: [accountId],
        types: ['band_at_risk', 'usage_drop_key_contact'],
        cause: event.cause,
      })
      return
    }
    if (!p.keyContact) return
    await evaluateWorkspace(tx, deps, event.workspaceId, {
      accountIds: [accountId],
      types: ['usage_drop_key_contact'],
      cause: event.cause,
    })
  },
})
