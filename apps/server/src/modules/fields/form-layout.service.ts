import { and, eq } from 'drizzle-orm'
import type { FormLayout, FormLayoutUpdate, LayoutSection, ObjectField } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import { scopeFor, systemPrincipal } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import { formLayouts } from './form-layout.table'
import { getObject, type Lang } from './object-model.service'

const pathOf = (f: ObjectField) => (f.custom ? `custom.${f.key}` : f.key)
const words = {
  en: { main: 'Details', custom: 'Custom fields', other: 'Other fields' },
  'zh-CN': { main: '基本信息', custom: '自定义字段', other: '其他字段' },
}

/** The layout made from the object's fields when nobody designed one: its own fields, then custom ones. */
function defaultSections(fields: ObjectField[], lang: Lang): LayoutSection[] {
  const own = fields.filter((f) => !f.custom).map(pathOf)
  const custom = fields.filter((f) => f.custom).map(pathOf)
  return [
    {
      id: 'main',
      title: words[lang].main,
      titles: { en: words.en.main, 'zh-CN': words['zh-CN'].main },
      columns: 2,
      fields: own,
    },
    ...(custom.length
      ? [
          {
            id: 'custom',
            title: words[lang].custom,
            titles: { en: words.en.custom, 'zh-CN': words['zh-CN'].custom },
            columns: 2,
            fields: custom,
          },
        ]
      : []),
  ]
}

/**
 * An object's form layout for the person: the designed one (or the default), keeping only fields the
 * person may see and that still exist, with any field not placed yet added to the last section — so a
 * new field shows before anybody places it. Titles in the person's language.
 */
export async function getLayout(tx: Executor, ctx: Ctx, object: string, lang: Lang): Promise<FormLayout> {
  const o = await getObject(tx, ctx, object, lang)
  const [row] = await tx
    .select()
    .from(formLayouts)
    .where(and(eq(formLayouts.workspaceId, ctx.ws), eq(formLayouts.object, object)))
  const visible = new Set(o.fields.map(pathOf))
  const base = row ? row.sections : defaultSections(o.fields, lang)
  const placed = new Set<string>()
  const sections = base.map((s) => {
    const fields = s.fields.filter((f) => visible.has(f) && !placed.has(f))
    fields.forEach((f) => placed.add(f))
    return { ...s, title: s.titles?.[lang] ?? s.title, fields }
  })
  // Fields not placed go to the last section that always shows (or a section of their own), never into
  // one shown only under a condition.
  const rest = o.fields.map(pathOf).filter((f) => !placed.has(f))
  const always = [...sections].reverse().find((x) => !x.visibleWhen)
  if (rest.length && always) always.fields.push(...rest)
  else if (rest.length) sections.push({ id: 'other', title: words[lang].other, columns: 2, fields: rest })
  return {
    object,
    version: row?.version ?? 0,
    designed: !!row,
    sections,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  }
}

/** Saves an object's layout (administrators): every field named must exist, once; conditions name fields. */
export async function saveLayout(
  tx: Executor,
  ctx: Ctx,
  object: string,
  input: FormLayoutUpdate,
  lang: Lang,
): Promise<FormLayout> {
  if (scopeFor(ctx.principal, 'field-definitions', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may design form layouts')
  // Every field of the object, whatever the administrator's own field access.
  const all = await getObject(tx, { ...ctx, principal: systemPrincipal(ctx.ws) }, object, lang)
  const known = new Set(all.fields.map(pathOf))
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const ids = new Set<string>()
  input.sections.forEach((s, i) => {
    if (ids.has(s.id)) errors.push({ path: `sections.${i}.id`, message: `"${s.id}" is used twice` })
    ids.add(s.id)
    s.fields.forEach((f, j) => {
      if (!known.has(f))
        errors.push({ path: `sections.${i}.fields.${j}`, message: `${object} have no field "${f}"` })
      else if (seen.has(f))
        errors.push({ path: `sections.${i}.fields.${j}`, message: `"${f}" is placed twice` })
      seen.add(f)
    })
    if (s.visibleWhen && !known.has(s.visibleWhen.field))
      errors.push({
        path: `sections.${i}.visibleWhen.field`,
        message: `${object} have no field "${s.visibleWhen.field}"`,
      })
    if (s.visibleWhen && ['eq', 'neq', 'in'].includes(s.visibleWhen.op) && s.visibleWhen.value === undefined)
      errors.push({ path: `sections.${i}.visibleWhen.value`, message: `${s.visibleWhen.op} needs a value` })
  })
  if (errors.length) throw new AppError('invalid', 'invalid_input', 'The layout is not valid', { errors })
  const [row] = await tx
    .select()
    .from(formLayouts)
    .where(and(eq(formLayouts.workspaceId, ctx.ws), eq(formLayouts.object, object)))
    .for('update')
  if ((row?.version ?? 0) !== input.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The layout was changed by someone else since you read it; reload it',
      {
        current: row ? { version: row.version, sections: row.sections } : { version: 0 },
      },
    )
  const now = new Date()
  const values = {
    sections: input.sections,
    version: input.version + 1,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
  }
  if (row)
    await tx
      .update(formLayouts)
      .set(values)
      .where(and(eq(formLayouts.workspaceId, ctx.ws), eq(formLayouts.object, object)))
  else await tx.insert(formLayouts).values({ workspaceId: ctx.ws, object, ...values })
  await recordAudit(tx, ctx, [
    {
      action: row ? 'update' : 'create',
      entityType: 'form_layout',
      entityId: null,
      before: row ? { object, sections: row.sections } : null,
      after: { object, sections: input.sections },
    },
  ])
  return getLayout(tx, ctx, object, lang)
}

/**
 * Resets an object's layout to the default (administrators): the designed one is removed, audited; a
 * designer who read it and saves after gets a 409 (the version is back to 0). Without a designed
 * layout it changes nothing.
 */
export async function resetLayout(tx: Executor, ctx: Ctx, object: string, lang: Lang): Promise<FormLayout> {
  if (scopeFor(ctx.principal, 'field-definitions', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may design form layouts')
  // An unknown object answers 404 before anything is touched.
  await getObject(tx, { ...ctx, principal: systemPrincipal(ctx.ws) }, object, lang)
  const [row] = await tx
    .delete(formLayouts)
    .where(and(eq(formLayouts.workspaceId, ctx.ws), eq(formLayouts.object, object)))
    .returning()
  if (row)
    await recordAudit(tx, ctx, [
      {
        action: 'delete',
        entityType: 'form_layout',
        entityId: null,
        before: { object, sections: row.sections, version: row.version },
        after: null,
      },
    ])
  return getLayout(tx, ctx, object, lang)
}
