import type {
  ApprovalEvent,
  Condition,
  ConditionGroup,
  ConditionOp,
  NotificationChannel,
  Recipient,
  Rule,
  RuleAction,
  RuleTarget,
  RuleTrigger,
  triggerKinds,
} from '@openkam/contract'

/**
 * The rule designer edits a draft: the rule's definition in shapes that suit the inputs (rows instead
 * of objects keyed by field, one all/any mode per group, a stable key per action card). `ruleBody`
 * turns it back into the wire shape; its paths are the ones the API names in errors, so an error at
 * `actions.1.task.title` lands on the same input the draft rendered at that path.
 */

export type TriggerKind = (typeof triggerKinds)[number]
export type Priority = 'low' | 'normal' | 'high' | 'urgent'

export type TriggerDraft = {
  kind: TriggerKind
  /** A built-in record type, or `custom:<key>` for a custom object. */
  entity?: RuleTarget
  field?: string
  from?: unknown
  to?: unknown
  offsetDays?: number
  cron?: string
  timezone?: string
  /** What happened to the approval request (`approval_event`). */
  event?: ApprovalEvent
}

export type ConditionDraft = { field: string; op: ConditionOp; value?: unknown }
export type GroupDraft = { mode: 'all' | 'any'; items: (ConditionDraft | GroupDraft)[] }
export const isGroup = (x: ConditionDraft | GroupDraft): x is GroupDraft => 'items' in x

export type TaskDraft = {
  title: string
  description?: string
  assignee?: Recipient
  dueInDays?: number | null
  priority: Priority
}

export type ActionDraft =
  | { type: 'create_task'; task: TaskDraft }
  | {
      type: 'notify'
      to: Recipient[]
      channels: NotificationChannel[]
      subject: string
      body: string
      webhookId?: string
    }
  | { type: 'update_fields'; rows: { field: string; value?: unknown }[] }
  | {
      type: 'assign_owner'
      strategy: 'round_robin' | 'territory'
      pool: 'users' | 'team'
      userIds: string[]
      teamId?: string
      field?: string
      territories: { value: string; userId?: string }[]
      fallbackUserId?: string
    }
  | { type: 'call_webhook'; target: 'webhook' | 'url'; webhookId?: string; url?: string }
  | { type: 'start_playbook'; playbookId?: string }
  | { type: 'start_approval' }

export type ActionType = ActionDraft['type']
export type ActionCard = { key: string; action: ActionDraft }

export type RuleDraft = {
  name: string
  description: string
  enabled: boolean
  trigger: TriggerDraft
  conditions: GroupDraft
  actions: ActionCard[]
}

let seq = 0
export const newKey = () => `a${++seq}`

/** Operators that compare with nothing, and those whose value is a number of days. */
export const valuelessOps: ConditionOp[] = ['is_empty', 'is_not_empty', 'changed']
export const dayOps: ConditionOp[] = [
  'within_last_days',
  'within_next_days',
  'more_than_days_ago',
  'more_than_days_ahead',
]
export const listOps: ConditionOp[] = ['in', 'not_in']

/** Triggers that carry the record as it was before the change (`before.<field>`). */
export const hasBefore = (kind: TriggerKind) =>
  kind === 'record_updated' || kind === 'field_changed' || kind === 'stage_changed'

/** The record type a trigger runs on, if any. */
export const entityOf = (t: TriggerDraft): RuleTarget | undefined =>
  t.kind === 'stage_changed' ? 'opportunity' : t.entity

/** A new trigger of another kind, keeping the record type where the new kind has one. */
export function switchKind(prev: TriggerDraft, kind: TriggerKind): TriggerDraft {
  const entity = kind === 'stage_changed' ? undefined : prev.entity
  if (kind === 'schedule') return { kind, entity, cron: '0 9 * * *', timezone: 'Asia/Shanghai' }
  if (kind === 'date_reached') return { kind, entity, offsetDays: -30 }
  // Contracts are what teams most often send for approval.
  if (kind === 'approval_event') return { kind, entity: entity ?? 'contract', event: 'approved' }
  return { kind, entity }
}

export const emptyDraft = (): RuleDraft => ({
  name: '',
  description: '',
  enabled: true,
  trigger: { kind: 'record_created' },
  conditions: { mode: 'all', items: [] },
  actions: [],
})

export function newAction(type: ActionType): ActionDraft {
  switch (type) {
    case 'create_task':
      return { type, task: { title: '', assignee: { kind: 'owner' }, dueInDays: 3, priority: 'normal' } }
    case 'notify':
      return { type, to: [{ kind: 'owner' }], channels: ['in_app'], subject: '', body: '' }
    case 'update_fields':
      return { type, rows: [{ field: '' }] }
    case 'assign_owner':
      return { type, strategy: 'round_robin', pool: 'users', userIds: [], territories: [] }
    case 'call_webhook':
      return { type, target: 'webhook' }
    case 'start_playbook':
    case 'start_approval':
      return { type }
  }
}

/** A value an operator can use when the operator changes (a list for in/not_in, days for relative ops). */
export function valueForOp(op: ConditionOp, value: unknown): unknown {
  if (valuelessOps.includes(op)) return undefined
  if (dayOps.includes(op)) return typeof value === 'number' ? value : 30
  if (listOps.includes(op)) return Array.isArray(value) ? value : value === undefined ? [] : [value]
  return Array.isArray(value) ? value[0] : value
}

// ── rule → draft ────────────────────────────────────────────────────────────────

function groupDraft(g: ConditionGroup): GroupDraft {
  const item = (x: Condition | ConditionGroup): ConditionDraft | GroupDraft =>
    'op' in x ? { field: x.field, op: x.op, value: x.value } : groupDraft(x as ConditionGroup)
  const all = (g.all ?? []).map(item)
  const any = (g.any ?? []).map(item)
  // Both lists must hold, so a group with both becomes all [..., any [...]].
  if (all.length && any.length) return { mode: 'all', items: [...all, { mode: 'any', items: any }] }
  return any.length ? { mode: 'any', items: any } : { mode: 'all', items: all }
}

function actionDraft(a: RuleAction): ActionDraft {
  switch (a.type) {
    case 'create_task':
      return { type: a.type, task: { ...a.task } }
    case 'notify':
      return { ...a, webhookId: a.webhookId }
    case 'update_fields':
      return { type: a.type, rows: Object.entries(a.fields).map(([field, value]) => ({ field, value })) }
    case 'assign_owner':
      return {
        type: a.type,
        strategy: a.strategy,
        pool: a.teamId ? 'team' : 'users',
        userIds: a.userIds ?? [],
        teamId: a.teamId,
        field: a.field,
        territories: Object.entries(a.territories ?? {}).map(([value, userId]) => ({ value, userId })),
        fallbackUserId: a.fallbackUserId,
      }
    case 'call_webhook':
      return { type: a.type, target: a.url ? 'url' : 'webhook', webhookId: a.webhookId, url: a.url }
    case 'start_playbook':
      return { type: a.type, playbookId: a.playbookId }
    case 'start_approval':
      return { type: a.type }
  }
}

export function draftOf(
  rule: Pick<Rule, 'name' | 'description' | 'enabled' | 'trigger' | 'conditions' | 'actions'>,
): RuleDraft {
  return {
    name: rule.name,
    description: rule.description ?? '',
    enabled: rule.enabled,
    trigger: { ...(rule.trigger as TriggerDraft) },
    conditions: groupDraft(rule.conditions ?? {}),
    actions: rule.actions.map((a) => ({ key: newKey(), action: actionDraft(a) })),
  }
}

// ── draft → wire ────────────────────────────────────────────────────────────────

const given = (v: unknown) => v !== undefined && v !== null && v !== ''
const opt = <K extends string>(key: K, v: unknown) => (given(v) ? { [key]: v } : {})

export function triggerBody(t: TriggerDraft): RuleTrigger {
  switch (t.kind) {
    case 'record_created':
    case 'record_updated':
    case 'record_deleted':
      return { kind: t.kind, entity: t.entity } as RuleTrigger
    case 'field_changed':
      return {
        kind: t.kind,
        entity: t.entity,
        field: t.field,
        ...opt('from', t.from),
        ...opt('to', t.to),
      } as RuleTrigger
    case 'stage_changed':
      return {
        kind: t.kind,
        entity: 'opportunity',
        ...opt('from', t.from),
        ...opt('to', t.to),
      } as RuleTrigger
    case 'date_reached':
      return { kind: t.kind, entity: t.entity, field: t.field, offsetDays: t.offsetDays ?? 0 } as RuleTrigger
    case 'schedule':
      return {
        kind: t.kind,
        cron: (t.cron ?? '').trim(),
        timezone: t.timezone || 'Asia/Shanghai',
        ...opt('entity', t.entity),
      } as RuleTrigger
    case 'webhook':
      return { kind: t.kind, ...opt('entity', t.entity) } as RuleTrigger
    case 'approval_event':
      return { kind: t.kind, entity: t.entity, event: t.event } as RuleTrigger
  }
}

export function conditionsBody(g: GroupDraft): ConditionGroup {
  return {
    [g.mode]: g.items.map((x) =>
      isGroup(x)
        ? conditionsBody(x)
        : { field: x.field, op: x.op, ...(valuelessOps.includes(x.op) ? {} : opt('value', x.value)) },
    ),
  }
}

export function actionBody(a: ActionDraft): RuleAction {
  switch (a.type) {
    case 'create_task':
      return {
        type: a.type,
        task: {
          title: a.task.title,
          ...opt('description', a.task.description),
          assignee: a.task.assignee,
          ...opt('dueInDays', a.task.dueInDays),
          priority: a.task.priority,
        },
      } as RuleAction
    case 'notify':
      return {
        type: a.type,
        to: a.to,
        channels: a.channels,
        subject: a.subject,
        body: a.body,
        ...opt('webhookId', a.webhookId),
      }
    case 'update_fields':
      return {
        type: a.type,
        fields: Object.fromEntries(a.rows.filter((r) => r.field).map((r) => [r.field, r.value ?? null])),
      }
    case 'assign_owner':
      return a.strategy === 'round_robin'
        ? {
            type: a.type,
            strategy: a.strategy,
            ...(a.pool === 'team' ? opt('teamId', a.teamId) : { userIds: a.userIds }),
          }
        : {
            type: a.type,
            strategy: a.strategy,
            ...opt('field', a.field),
            territories: Object.fromEntries(
              a.territories.filter((x) => x.value && x.userId).map((x) => [x.value, x.userId!]),
            ),
            ...opt('fallbackUserId', a.fallbackUserId),
          }
    case 'call_webhook':
      return a.target === 'url'
        ? { type: a.type, ...opt('url', a.url) }
        : { type: a.type, ...opt('webhookId', a.webhookId) }
    case 'start_playbook':
      return { type: a.type, playbookId: a.playbookId } as RuleAction
    case 'start_approval':
      return { type: a.type }
  }
}

/** The definition as `POST /rules` (and the dry run) takes it. */
export function ruleBody(d: RuleDraft) {
  return {
    name: d.name,
    ...opt('description', d.description),
    enabled: d.enabled,
    trigger: triggerBody(d.trigger),
    conditions: conditionsBody(d.conditions),
    actions: d.actions.map((x) => actionBody(x.action)),
  }
}

/** The change as `PATCH /rules/:id` takes it: the whole definition at the version read. */
export const ruleUpdateBody = (d: RuleDraft, version: number) => ({
  ...ruleBody(d),
  description: d.description || null,
  version,
})

/** An API or schema error path without the dry run's `rule.` prefix. */
export const errorPath = (path: string) => path.replace(/^rule\./, '')
