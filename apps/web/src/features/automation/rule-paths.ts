import { RuleCreate } from '@openkam/contract'
import type { TFunction } from 'i18next'
import { fieldId } from './Labeled'
import { ruleBody, type RuleDraft } from './rule-draft'

const triggerLabels: Record<string, string> = {
  kind: 'automation.triggerKind',
  entity: 'automation.entity',
  field: 'automation.field',
  from: 'automation.changedFrom',
  to: 'automation.changedTo',
  offsetDays: 'automation.offset',
  cron: 'automation.cron',
  timezone: 'automation.timezone',
  event: 'automation.approvalEvent',
}
const actionLabels: Record<string, string> = {
  title: 'automation.taskTitle',
  description: 'fields.description',
  assignee: 'automation.assignee',
  dueInDays: 'automation.dueIn',
  priority: 'fields.priority',
  to: 'automation.recipients',
  channels: 'automation.channelsLabel',
  subject: 'fields.subject',
  body: 'automation.message',
  webhookId: 'automation.robot',
  fields: 'automation.fieldsToSet',
  strategy: 'automation.strategy',
  userIds: 'automation.pools.users',
  teamId: 'automation.pools.team',
  field: 'automation.territoryField',
  territories: 'automation.territories',
  fallbackUserId: 'automation.fallback',
  url: 'automation.webhookUrl',
  playbookId: 'automation.playbook',
}

/** Where an error path points, in words: "Actions › 2. Create a task › Title". */
export function describePath(path: string, draft: RuleDraft, t: TFunction): string {
  const [head, ...rest] = path.split('.')
  switch (head) {
    case 'name':
    case 'description':
      return t(`fields.${head}`)
    case 'enabled':
      return t('automation.enabled')
    case 'trigger':
      return [t('automation.trigger'), ...rest.slice(0, 1).map((k) => t(triggerLabels[k] ?? k))].join(' › ')
    case 'conditions': {
      const index = rest.filter((x) => /^\d+$/.test(x)).map((x) => Number(x) + 1)
      return [t('automation.conditions'), ...(index.length ? [`#${index.join('.')}`] : [])].join(' › ')
    }
    case 'actions': {
      if (!rest.length) return t('automation.actions')
      const i = Number(rest[0])
      const type = draft.actions[i]?.action.type
      const card = `${i + 1}. ${type ? t(`automation.actionTypes.${type}`) : ''}`.trim()
      const leaf = rest.slice(1).find((k) => k !== 'task' && actionLabels[k])
      return [t('automation.actions'), card, ...(leaf ? [t(actionLabels[leaf]!)] : [])].join(' › ')
    }
    default:
      return path
  }
}

/** Focuses the input of an error path, or of the nearest enclosing path that has one. */
export function focusPath(path: string) {
  const parts = path.split('.')
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(fieldId(parts.slice(0, n).join('.')))
    if (el) {
      el.scrollIntoView({ block: 'center', behavior: 'smooth' })
      el.focus({ preventScroll: true })
      return
    }
  }
}

export type Issue = { path: string; message: string }

const valueAt = (obj: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<PropertyKey, unknown>)[k]), obj)

/** Checks the draft with the shared schema; a missing value reads "Required" rather than the schema's wording. */
export function validateDraft(draft: RuleDraft, t: TFunction): Issue[] {
  const body = ruleBody(draft)
  const r = RuleCreate.safeParse(body)
  if (r.success) return []
  return r.error.issues.map((i) => {
    const v = valueAt(body, i.path)
    const missing = v === undefined || v === null || v === ''
    return { path: i.path.join('.'), message: missing ? t('settings.required') : i.message }
  })
}
