import type {
  ApprovalApprover,
  ApprovalFlow,
  ApprovalMode,
  ApprovalOutcome,
  Condition,
  ConditionGroup,
} from '@openkam/contract'
import { collectionOfEntity } from '../automation/rule-fields'
import { conditionsBody } from '../automation/rule-draft'
import type { ConditionDraft, GroupDraft } from '../automation/rule-draft'

/** A step as the designer edits it (conditions as the rule designer's drafts). */
export type StepDraft = {
  /** A local key so React keeps each step's inputs while steps move. */
  key: string
  name: string
  mode: ApprovalMode
  n?: number
  approvers: ApprovalApprover[]
  condition: GroupDraft
  deadlineHours?: number
}

export type FlowDraft = {
  name: string
  description: string
  object: string
  enabled: boolean
  condition: GroupDraft
  steps: StepDraft[]
  lockedFields: string[]
  outcome: ApprovalOutcome | null
  priority: number
}

let seq = 0
const nextKey = () => `s${++seq}`

export const emptyGroup = (): GroupDraft => ({ mode: 'all', items: [] })

/** A rule condition group as the condition editor's draft (a group with both lists: all [..., any [...]]). */
export function groupDraft(g: ConditionGroup | null | undefined): GroupDraft {
  if (!g) return emptyGroup()
  const item = (x: Condition | ConditionGroup): ConditionDraft | GroupDraft =>
    'op' in x ? { field: x.field, op: x.op, value: x.value } : groupDraft(x as ConditionGroup)
  const all = (g.all ?? []).map(item)
  const any = (g.any ?? []).map(item)
  if (all.length && any.length) return { mode: 'all', items: [...all, { mode: 'any', items: any }] }
  return any.length ? { mode: 'any', items: any } : { mode: 'all', items: all }
}

/** The draft's conditions as the API wants them; none when the group is empty. */
export const groupBody = (g: GroupDraft): ConditionGroup | undefined =>
  g.items.length ? conditionsBody(g) : undefined

export const newStep = (): StepDraft => ({
  key: nextKey(),
  name: '',
  mode: 'all',
  approvers: [{ kind: 'manager', levels: 1 }],
  condition: emptyGroup(),
  deadlineHours: 48,
})

export const newFlow = (object = 'contracts'): FlowDraft => ({
  name: '',
  description: '',
  object,
  enabled: true,
  condition: emptyGroup(),
  steps: [newStep()],
  lockedFields: [],
  outcome: null,
  priority: 100,
})

export function flowDraft(f: ApprovalFlow): FlowDraft {
  return {
    name: f.name ?? '',
    description: f.description ?? '',
    object: f.object ?? '',
    enabled: f.enabled ?? true,
    condition: groupDraft(f.condition),
    steps: (f.steps ?? []).map((s) => ({
      key: nextKey(),
      name: s.name,
      mode: s.mode,
      n: s.n,
      approvers: s.approvers,
      condition: groupDraft(s.condition),
      deadlineHours: s.deadlineHours,
    })),
    lockedFields: f.lockedFields ?? [],
    outcome: f.outcome ?? null,
    priority: f.priority ?? 100,
  }
}

/** The body of POST / PATCH /approval-flows from a draft (optional parts cleared with null). */
export function flowBody(d: FlowDraft) {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    object: d.object,
    enabled: d.enabled,
    condition: groupBody(d.condition) ?? null,
    steps: d.steps.map((s) => {
      const condition = groupBody(s.condition)
      return {
        name: s.name.trim(),
        mode: s.mode,
        ...(s.mode === 'n_of_m' ? { n: s.n ?? 1 } : {}),
        approvers: s.approvers,
        ...(condition ? { condition } : {}),
        ...(s.deadlineHours ? { deadlineHours: s.deadlineHours } : {}),
      }
    }),
    lockedFields: d.lockedFields,
    outcome: d.outcome,
    priority: d.priority,
  }
}

/** Moves an item of a list by `by` places (up: -1, down: +1); out-of-range moves change nothing. */
export function move<T>(list: T[], index: number, by: number): T[] {
  const to = index + by
  if (to < 0 || to >= list.length) return list
  const out = [...list]
  const [x] = out.splice(index, 1)
  out.splice(to, 0, x!)
  return out
}

/** The rule engine's entity of an object (contracts → contract), or custom:<key> for a custom object. */
export function entityOfObject(object: string): string {
  const found = Object.entries(collectionOfEntity).find(([, c]) => c === object)
  return found ? found[0] : `custom:${object}`
}
