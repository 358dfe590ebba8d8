import type { TFunction } from 'i18next'
import dayjs from 'dayjs'
import type { Field } from '../records/meta'
import { fieldOfPath, pathLabel } from './rule-fields'
import { entityOf, type ActionDraft, type TriggerDraft } from './rule-draft'
import { entityA, entityName, entityNoun } from './rule-entities'

/** Cron presets offered by the schedule trigger (five fields, the workspace's time zone). */
export const cronPresets = [
  { key: 'daily', cron: '0 9 * * *' },
  { key: 'weekly', cron: '0 9 * * 1' },
  { key: 'monthly', cron: '0 9 1 * *' },
] as const

/** A value in one short line: enum values translated, dates formatted, ids named when known. */
export function formatValue(
  v: unknown,
  t: TFunction,
  field?: Field,
  names: Record<string, string> = {},
): string {
  if (v === null || v === undefined || v === '') return t('common.none')
  if (Array.isArray(v)) return v.map((x) => formatValue(x, t, field, names)).join(', ')
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (typeof v === 'string') {
    const option = field?.options?.find((o) => o.value === v)
    if (option) return option.label
    if (field?.type === 'enum') return t(`enums.${field.enum}.${v}`, { defaultValue: v })
    if (names[v]) return names[v]!
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return dayjs(v).format('YYYY-MM-DD HH:mm')
    return v
  }
  if (typeof v === 'object' && v && 'amount' in v) return String((v as { amount: unknown }).amount)
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** "When an opportunity's stage changes to Negotiation": the trigger in words. */
export function triggerSummary(trigger: TriggerDraft, t: TFunction): string {
  const entity = entityOf(trigger)
  const vars = {
    entity: entity ? entityName(entity, t) : t('automation.anyRecord'),
    a: entity ? entityA(entity, t) : t('automation.aRecord'),
    noun: entity ? entityNoun(entity, t) : '',
    field: trigger.field ? pathLabel(trigger.field, t, entity) : '…',
  }
  const s = (key: string, extra: Record<string, unknown> = {}) =>
    t(`automation.summary.${key}`, { ...vars, ...extra })
  const changed = (base: string, field: Field | undefined) => {
    const from = trigger.from !== undefined && trigger.from !== null && trigger.from !== ''
    const to = trigger.to !== undefined && trigger.to !== null && trigger.to !== ''
    const fmt = { from: formatValue(trigger.from, t, field), to: formatValue(trigger.to, t, field) }
    return s(`${base}${from && to ? 'FromTo' : from ? 'From' : to ? 'To' : ''}`, fmt)
  }
  switch (trigger.kind) {
    case 'record_created':
      return s('created')
    case 'record_updated':
      return s('updated')
    case 'record_deleted':
      return s('deleted')
    case 'field_changed':
      return changed('fieldChanged', trigger.field ? fieldOfPath(entity, trigger.field) : undefined)
    case 'stage_changed':
      return changed('stageChanged', fieldOfPath('opportunity', 'stage'))
    case 'date_reached': {
      const days = trigger.offsetDays ?? 0
      if (days === 0) return s('dateOn')
      return s(days < 0 ? 'dateBefore' : 'dateAfter', { count: Math.abs(days) })
    }
    case 'schedule': {
      const preset = cronPresets.find((p) => p.cron === trigger.cron?.trim())
      const when = preset ? t(`automation.cronPresets.${preset.key}`) : (trigger.cron ?? '')
      return entity ? s('scheduleEach', { when }) : s('schedule', { when })
    }
    case 'webhook':
      return entity ? s('webhookFor') : s('webhook')
    case 'approval_event':
      return s(`approval.${trigger.event ?? 'any'}`)
  }
}

/** "Submit the contract for approval": an action in words, on the rule's record type (if any). */
export function actionSummary(action: ActionDraft, entity: string | undefined, t: TFunction): string {
  switch (action.type) {
    case 'start_approval':
      return entity
        ? t('automation.startApprovalSummary', { noun: entityNoun(entity, t), entity: entityName(entity, t) })
        : t('automation.startApprovalSummaryAny')
    default:
      return t(`automation.actionTypes.${action.type}`)
  }
}
