import type { EventHandler } from '../../core/events/registry'
import { systemPrincipal } from '../../core/access/permissions'
import { and, eq, isNull } from 'drizzle-orm'
import type { ApprovalEvent, RuleTrigger } from '@openkam/contract'
import { collectionFor } from './entities'
import { fireRule, type EngineDeps } from './engine'
import { rules } from './rule.table'
import { objectOfTarget } from './approval-starter'

type Row = Record<string, any>

/**
 * Rules on approval events (`approval_event` triggers): `approval.<event>` runs the enabled rules watching
 * that event on the governed record's type, with the record (as it is now) as the rule's record and the
 * request in `payload.approval`.
 */
export function rulesApprovalHandler(deps: EngineDeps): EventHandler {
  return {
    name: 'rules.approvals',
    events: ['approval.*'],
    async handle(tx, event) {
      const what = event.type.slice('approval.'.length) as ApprovalEvent
      const approval = (event.payload as { approval?: Row }).approval
      if (!approval?.object || !approval.recordId) return
      const candidates = await tx
        .select()
        .from(rules)
        .where(
          and(
            eq(rules.workspaceId, event.workspaceId),
            eq(rules.enabled, true),
            isNull(rules.deletedAt),
            eq(rules.triggerKind, 'approval_event'),
          ),
        )
        .orderBy(rules.createdAt, rules.id)
      for (const rule of candidates) {
        const t = rule.trigger as Extract<RuleTrigger, { kind: 'approval_event' }>
        if (t.event !== what) continue
        let object: string
        try {
          object = objectOfTarget(t.entity)
        } catch {
          continue
        }
        if (object !== approval.object) continue
        const record = (await collectionFor(t.entity)
          .getAny(
            tx,
            { ws: event.workspaceId, principal: systemPrincipal(event.workspaceId), events: deps.events },
            approval.recordId,
          )
          .catch(() => null)) as Row | null
        if (!record) continue
        await fireRule(tx, event.workspaceId, deps, rule, {
          trigger: event.type,
          eventId: event.id,
          entity: t.entity,
          record,
          payload: { approval, ...(event.payload as Row) },
          depth: event.cause?.depth ?? 0,
        })
      }
    },
  }
}
