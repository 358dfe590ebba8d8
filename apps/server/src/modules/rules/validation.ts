import cronParser from 'cron-parser'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import {
  customObjectKeyOf,
  type Condition,
  type ConditionGroup,
  type Recipient,
  type RuleAction,
  type RuleEntity,
  type RuleTarget,
  type RuleTrigger,
} from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import type { FieldError } from '../../core/errors'
import { missingUsers, userTables } from '../users'
import { dateColumnOf, fieldsOf, guarded, resourceOf, writableFieldsOf } from './entities'
import { splitPath } from './conditions'
import {
  checkCustomWrites,
  customDefsOf,
  customOpProblem,
  isDate,
  splitFields,
  unknownCustom,
  type CustomDefs,
} from './custom-fields'
import { accountFieldOf, liveCustomObjects, unknownObject } from './custom-objects'
import { playbooks } from './rule.table'

const recordless = (t: RuleTrigger) => (t.kind === 'schedule' || t.kind === 'webhook') && !t.entity

const entityOf = (t: RuleTrigger): RuleTarget | null => ('entity' in t && t.entity ? t.entity : null)

type Check = { custom: CustomDefs; errors: FieldError[] }

/** Checks a path names a field of the record (or its account); returns the custom field it names, if any. */
function checkField(entity: RuleTarget | null, path: string, where: string, ck: Check) {
  const { errors } = ck
  const { root, parts } = splitPath(path)
  if (root === 'payload') return undefined
  const base = parts[0]!
  const owner: RuleTarget | null = root === 'account' ? 'account' : entity
  if (!owner) {
    errors.push({ path: where, message: 'this trigger has no record: name payload.<field> instead' })
    return undefined
  }
  const key = customObjectKeyOf(entity)
  if (root === 'account' && key && !accountFieldOf(ck.custom(entity!))) {
    errors.push({
      path: where,
      message: `${key} records have no account (a relation field to accounts), so account fields cannot be used`,
    })
    return undefined
  }
  if (base === 'custom') {
    const defs = ck.custom(owner)
    const key = parts.slice(1).join('.')
    const d = defs.find((x) => x.key === key)
    if (!d) errors.push({ path: where, message: unknownCustom(owner, key || '(none)', defs) })
    return d
  }
  if (root === 'account') {
    if (!fieldsOf('account').includes(base))
      errors.push({ path: where, message: `accounts have no field ${base}` })
    return undefined
  }
  if (!fieldsOf(owner).includes(base))
    errors.push({
      path: where,
      message: `${customObjectKeyOf(owner) ?? owner} has no field ${base}; fields: ${fieldsOf(owner).join(', ')}`,
    })
  return undefined
}

function checkConditions(entity: RuleTarget | null, g: ConditionGroup, at: string, ck: Check) {
  const { errors } = ck
  for (const key of ['all', 'any'] as const) {
    ;(g[key] ?? []).forEach((item, i) => {
      const path = `${at}.${key}.${i}`
      if ('op' in item) {
        const c = item as Condition
        const custom = checkField(entity, c.field, `${path}.field`, ck)
        const needsValue = !['is_empty', 'is_not_empty', 'changed'].includes(c.op)
        if (needsValue && c.value === undefined)
          errors.push({ path: `${path}.value`, message: 'give a value' })
        if (['in', 'not_in'].includes(c.op) && !Array.isArray(c.value))
          errors.push({ path: `${path}.value`, message: 'give a list of values' })
        if (c.op.includes('_days') && !(Number(c.value) >= 0))
          errors.push({ path: `${path}.value`, message: 'give a number of days (0 or more)' })
        const problem = custom && customOpProblem(custom, c.op, c.value)
        if (problem)
          errors.push({ path: `${path}.${c.op.includes('_days') ? 'op' : 'value'}`, message: problem })
      } else checkConditions(entity, item as ConditionGroup, path, ck)
    })
  }
}

/**
 * Checks the fields a condition group names on an entity's records (and their account's), e.g. for
 * ticket routing rules; errors are at `<at>.all.0.field`…
 */
export async function checkConditionGroup(
  tx: Executor,
  ws: string,
  entity: RuleTarget,
  group: ConditionGroup,
  at: string,
): Promise<FieldError[]> {
  const ck: Check = { custom: await customDefsOf(tx, ws), errors: [] }
  checkConditions(entity, group, at, ck)
  return ck.errors
}

function checkRecipient(
  t: RuleTrigger,
  r: Recipient,
  at: string,
  errors: FieldError[],
  userIds: Set<string>,
) {
  if (r.kind === 'user') userIds.add(r.userId)
  if (r.kind !== 'user' && r.kind !== 'role' && recordless(t))
    errors.push({ path: at, message: `this trigger has no record, so there is no ${r.kind} to address` })
}

/**
 * Business validation of a rule definition beyond its shape: the custom object it watches exists, fields
 * exist on the entity, date triggers name date fields, cron expressions parse, referenced users, teams
 * and playbooks exist. A rule whose custom object was deleted may still be saved switched off (with the
 * same entity), so that it can be kept and turned back on once the object is restored.
 */
export async function validateRule(
  tx: Executor,
  ws: string,
  def: { trigger: RuleTrigger; conditions: ConditionGroup; actions: RuleAction[]; enabled?: boolean },
  before?: { trigger?: RuleTrigger } | null,
): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const ck: Check = { custom: await customDefsOf(tx, ws), errors }
  const t = def.trigger
  const entity = entityOf(t)
  const objectKey = customObjectKeyOf(entity)
  if (objectKey) {
    const objects = await liveCustomObjects(tx, ws)
    if (!objects.has(objectKey)) {
      const kept = before?.trigger && 'entity' in before.trigger && before.trigger.entity === entity
      if (kept && def.enabled === false) return []
      return [
        {
          path: 'trigger.entity',
          message: kept
            ? `${unknownObject(objectKey, [...objects.keys()])}; it was deleted: restore it, or switch the rule off`
            : unknownObject(objectKey, [...objects.keys()]),
        },
      ]
    }
  }
  if (t.kind === 'field_changed' || t.kind === 'date_reached') {
    const custom = checkField(entity, t.field, 'trigger.field', ck)
    if (t.kind === 'date_reached' && custom && !isDate(custom))
      errors.push({ path: 'trigger.field', message: `${t.field} is not a date field` })
  }
  if (t.kind === 'date_reached' && splitPath(t.field).parts.join('.') !== t.field)
    errors.push({
      path: 'trigger.field',
      message: 'a date trigger watches a date of the record itself, e.g. endDate or custom.<key>',
    })
  if (
    t.kind === 'date_reached' &&
    entity &&
    fieldsOf(entity).includes(t.field) &&
    !dateColumnOf(entity, t.field)
  )
    errors.push({ path: 'trigger.field', message: `${t.field} is not a date field` })
  if (t.kind === 'schedule') {
    try {
      cronParser.parseExpression(t.cron, { tz: t.timezone })
      if (t.cron.trim().split(/\s+/).length !== 5) throw new Error('five fields')
    } catch {
      errors.push({ path: 'trigger.cron', message: 'not a five-field cron expression, e.g. "0 9 * * 1"' })
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: t.timezone })
    } catch {
      errors.push({ path: 'trigger.timezone', message: 'not a time zone, e.g. Asia/Shanghai' })
    }
  }
  checkConditions(entity, def.conditions, 'conditions', ck)
  const userIds = new Set<string>()
  const playbookIds = new Set<string>()
  const teamIds = new Set<string>()
  def.actions.forEach((a, i) => {
    const at = `actions.${i}`
    switch (a.type) {
      case 'create_task':
        checkRecipient(t, a.task.assignee, `${at}.task.assignee`, errors, userIds)
        break
      case 'notify':
        a.to.forEach((r, j) => checkRecipient(t, r, `${at}.to.${j}`, errors, userIds))
        break
      case 'update_fields': {
        if (!entity || recordless(t)) {
          errors.push({ path: at, message: 'this trigger has no record to update' })
          break
        }
        const writable = writableFieldsOf(entity)
        const { builtIn, custom } = splitFields(a.fields)
        for (const k of Object.keys(builtIn)) {
          const why = guarded[entity as RuleEntity]?.[k]
          if (why) errors.push({ path: `${at}.fields.${k}`, message: `a rule cannot set ${k}: ${why}` })
          else if (!writable.includes(k))
            errors.push({
              path: `${at}.fields.${k}`,
              message: `${customObjectKeyOf(entity) ?? entity} has no field ${k} that can be set`,
            })
        }
        const isLiteral = ([, v]: [string, unknown]) => !(typeof v === 'string' && v.includes('{{'))
        const literal = Object.fromEntries(Object.entries(builtIn).filter(isLiteral))
        const parsed = resourceOf(entity).Update.safeParse({ version: 1, ...literal })
        if (!parsed.success)
          for (const issue of parsed.error.issues)
            errors.push({ path: `${at}.fields.${issue.path.join('.')}`, message: issue.message })
        if (Object.keys(custom).length)
          errors.push(
            ...checkCustomWrites({
              entity,
              defs: ck.custom(entity),
              values: custom,
              literal: Object.fromEntries(Object.entries(custom).filter(isLiteral)),
              at: `${at}.fields`,
            }),
          )
        break
      }
      case 'assign_owner':
        if (!entity || recordless(t)) {
          errors.push({ path: at, message: 'this trigger has no record to assign' })
          break
        }
        if (a.strategy === 'round_robin' && !a.userIds?.length && !a.teamId)
          errors.push({ path: `${at}.userIds`, message: 'name the people (or a team) to take turns' })
        if (a.strategy === 'territory' && (!a.field || !a.territories || !Object.keys(a.territories).length))
          errors.push({
            path: `${at}.territories`,
            message: 'name the field and an owner for each territory',
          })
        if (a.strategy === 'territory' && a.field) checkField(entity, a.field, `${at}.field`, ck)
        a.userIds?.forEach((u) => userIds.add(u))
        Object.values(a.territories ?? {}).forEach((u) => userIds.add(u))
        if (a.fallbackUserId) userIds.add(a.fallbackUserId)
        if (a.teamId) teamIds.add(a.teamId)
        break
      case 'call_webhook':
        if (!a.webhookId && !a.url) errors.push({ path: `${at}.url`, message: 'give a webhook or a URL' })
        break
      case 'start_playbook':
        playbookIds.add(a.playbookId)
        break
      case 'start_approval':
        if (recordless(t))
          errors.push({ path: at, message: 'this trigger has no record to submit for approval' })
        break
    }
  })
  const missing = await missingUsers(tx, ws, [...userIds])
  if (missing.length)
    errors.push({ path: 'actions', message: `no such user in this workspace: ${missing.join(', ')}` })
  if (playbookIds.size) {
    const found = await tx
      .select({ id: playbooks.id })
      .from(playbooks)
      .where(
        and(
          eq(playbooks.workspaceId, ws),
          inArray(playbooks.id, [...playbookIds]),
          isNull(playbooks.deletedAt),
        ),
      )
    const lost = [...playbookIds].filter((id) => !found.some((f) => f.id === id))
    if (lost.length) errors.push({ path: 'actions', message: `no such playbook: ${lost.join(', ')}` })
  }
  if (teamIds.size) {
    const t2 = userTables.teams
    const found = await tx
      .select({ id: t2.id })
      .from(t2)
      .where(and(eq(t2.workspaceId, ws), inArray(t2.id, [...teamIds]), isNull(t2.deletedAt)))
    if (found.length !== teamIds.size)
      errors.push({ path: 'actions', message: 'no such team in this workspace' })
  }
  return errors
}
