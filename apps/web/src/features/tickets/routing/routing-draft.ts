import type { RoutingAssign, TicketRoutingRule } from '@openkam/contract'
import type { TFunction } from 'i18next'
import type { GroupDraft } from '../../automation/rule-draft'
import { groupBody, groupDraft } from '../../approvals/flow-draft'
import { fieldOfPath, pathLabel } from '../../automation/rule-fields'
import { formatValue } from '../../automation/rule-summary'
import type { Field } from '../../records/meta'

export const ticketChannels = ['portal', 'email', 'phone', 'chat', 'onsite'] as const

/** Fields conditions may use that the object model does not list on tickets: the channel. */
export const extraTicketFields = (t: TFunction): (Field & { label: string })[] => [
  {
    key: 'channel',
    type: 'enum',
    enum: 'ticketChannel',
    values: ticketChannels,
    label: t('ticketRouting.drawer.channel'),
    options: ticketChannels.map((c) => ({ value: c, label: t(`ticketRouting.channels.${c}`) })),
  } as Field & { label: string },
]

/** A rule as the drawer edits it. */
export type RoutingDraft = {
  name: string
  enabled: boolean
  condition: GroupDraft
  kind: 'team' | 'user'
  teamId?: string
  userId?: string
  strategy: 'round_robin' | 'least_open'
}

export const newRoutingDraft = (): RoutingDraft => ({
  name: '',
  enabled: true,
  condition: { mode: 'all', items: [] },
  kind: 'team',
  strategy: 'round_robin',
})

export const routingDraft = (r: TicketRoutingRule): RoutingDraft => ({
  name: r.name,
  enabled: r.enabled,
  condition: groupDraft(r.condition),
  kind: r.assign.kind,
  teamId: r.assign.teamId ?? undefined,
  userId: r.assign.userId ?? undefined,
  strategy: r.assign.strategy ?? 'round_robin',
})

/** The draft as the API takes it: a team with its strategy, or a person (with the ticket's team, if chosen). */
export function routingBody(d: RoutingDraft) {
  const assign: RoutingAssign =
    d.kind === 'team'
      ? { kind: 'team', teamId: d.teamId ?? null, strategy: d.strategy }
      : { kind: 'user', userId: d.userId ?? null, ...(d.teamId ? { teamId: d.teamId } : {}) }
  return { name: d.name, enabled: d.enabled, condition: groupBody(d.condition) ?? {}, assign }
}

/** Moves the item at `i` by one place up (-1) or down (+1); the ids in their new order. */
export function moved(ids: string[], i: number, by: -1 | 1): string[] {
  const j = i + by
  if (j < 0 || j >= ids.length) return ids
  const out = [...ids]
  ;[out[i], out[j]] = [out[j]!, out[i]!]
  return out
}

type Cond = { field: string; op: string; value?: unknown }
type Group = { all?: (Cond | Group)[]; any?: (Cond | Group)[] }

/** "Priority is Urgent and Account · Tier is Strategic": a rule's condition in one line. */
export function conditionSummary(
  g: Group | null | undefined,
  t: TFunction,
  names: Record<string, string> = {},
): string {
  const extra = extraTicketFields(t)
  const one = (c: Cond | Group): string => {
    if (!('op' in c)) return `(${conditionSummary(c, t, names)})`
    const field = extra.find((f) => f.key === c.field) ?? fieldOfPath('ticket', c.field)
    const label = extra.find((f) => f.key === c.field)?.label ?? pathLabel(c.field, t, 'ticket')
    const valueless = c.op === 'is_empty' || c.op === 'is_not_empty'
    return `${label} ${t(`automation.ops.${c.op}`)}${valueless ? '' : ` ${formatValue(c.value, t, field, names)}`}`
  }
  const all = (g?.all ?? []).map(one)
  const any = (g?.any ?? []).map(one)
  const parts = [
    ...all,
    ...(any.length
      ? [
          any.length > 1 && all.length
            ? `(${any.join(t('ticketRouting.or'))})`
            : any.join(t('ticketRouting.or')),
        ]
      : []),
  ]
  return parts.length ? parts.join(t('ticketRouting.and')) : t('ticketRouting.always')
}
