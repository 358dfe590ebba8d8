import { describe, expect, it } from 'vitest'
import { approvalEvents, RuleCreate } from '@openkam/contract'
import { draftOf, newAction, ruleBody, switchKind, triggerBody, type TriggerDraft } from './rule-draft'

const approvalRule = {
  name: 'Kick off delivery when a contract is approved',
  description: '',
  enabled: true,
  trigger: { kind: 'approval_event' as const, entity: 'contract' as const, event: 'approved' as const },
  conditions: { all: [{ field: 'payload.approval.status', op: 'eq' as const, value: 'approved' }] },
  actions: [{ type: 'start_approval' as const }],
}

describe('rule drafts with approval triggers and actions', () => {
  it('round-trips an approval_event trigger and a start_approval action unchanged', () => {
    const draft = draftOf(approvalRule)
    expect(draft.trigger).toEqual({ kind: 'approval_event', entity: 'contract', event: 'approved' })
    expect(draft.actions.map((a) => a.action)).toEqual([{ type: 'start_approval' }])
    const body = ruleBody(draft)
    expect(body.trigger).toEqual(approvalRule.trigger)
    expect(body.actions).toEqual([{ type: 'start_approval' }])
    expect(body.conditions).toEqual(approvalRule.conditions)
    expect(RuleCreate.safeParse(body).success).toBe(true)
  })

  it.each(approvalEvents)('sends the %s event as the contract accepts it', (event) => {
    const body = triggerBody({ kind: 'approval_event', entity: 'custom:site_visits', event })
    expect(body).toEqual({ kind: 'approval_event', entity: 'custom:site_visits', event })
  })

  it('leaves stray fields of an earlier kind out of the approval trigger', () => {
    const body = triggerBody({ kind: 'approval_event', entity: 'quote', event: 'rejected', field: 'amount' })
    expect(body).toEqual({ kind: 'approval_event', entity: 'quote', event: 'rejected' })
  })

  it('defaults a new approval trigger to approved contracts, keeping a record type already chosen', () => {
    const fresh: TriggerDraft = { kind: 'record_created' }
    expect(switchKind(fresh, 'approval_event')).toEqual({
      kind: 'approval_event',
      entity: 'contract',
      event: 'approved',
    })
    expect(switchKind({ kind: 'record_updated', entity: 'quote' }, 'approval_event')).toEqual({
      kind: 'approval_event',
      entity: 'quote',
      event: 'approved',
    })
    expect(switchKind({ kind: 'approval_event', entity: 'quote', event: 'rejected' }, 'schedule')).toEqual({
      kind: 'schedule',
      entity: 'quote',
      cron: '0 9 * * *',
      timezone: 'Asia/Shanghai',
    })
  })

  it('adds a start_approval action with nothing to fill in', () => {
    expect(newAction('start_approval')).toEqual({ type: 'start_approval' })
  })

  it('is refused by the schema when the approval trigger has no record type', () => {
    const body = ruleBody({
      ...draftOf(approvalRule),
      trigger: { kind: 'approval_event', event: 'approved' },
    })
    const parsed = RuleCreate.safeParse(body)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('trigger.entity')
  })
})
