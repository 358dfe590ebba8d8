import {
  builtinObjects,
  fieldTypeDomains,
  fieldLabelsEn,
  fieldLabelsZh,
  objectLabelsEn,
  objectLabelsZh,
  optionLabelsEn,
  optionLabelsZh,
  type BuiltinField,
  type FieldDefinition,
  type ObjectField,
  type ObjectFieldType,
  type ObjectSchema,
} from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { notFound } from '../../core/errors'
import { fieldAccessOf, scopeFor } from '../../core/access/permissions'
import { loadCustomObjects, loadDefinitions } from './field-cache'
import { builtinCollections, objectExists, objectKeys } from './object-registry'

export type Lang = 'en' | 'zh-CN'

const BUILTIN_TYPES: Record<BuiltinField['type'], ObjectFieldType> = {
  text: 'text',
  textarea: 'long_text',
  email: 'email',
  url: 'url',
  phone: 'phone',
  tags: 'tags',
  number: 'number',
  money: 'money',
  decimal: 'number',
  percent: 'percent',
  date: 'date',
  datetime: 'datetime',
  bool: 'boolean',
  enum: 'select',
  user: 'user',
  account: 'relation',
  contact: 'relation',
  opportunity: 'relation',
  team: 'relation',
  contacts: 'relation',
  // A segment key is text on the wire; people read it in words (segmentLabel).
  segment: 'text',
}
const RELATED: Partial<Record<BuiltinField['type'], { object: string; many?: boolean }>> = {
  account: { object: 'accounts' },
  contact: { object: 'contacts' },
  opportunity: { object: 'opportunities' },
  team: { object: 'teams' },
  contacts: { object: 'contacts', many: true },
}

/** The built-in keys of an object (a custom field may not reuse one). */
export const builtinKeys = (object: string): Set<string> =>
  new Set([
    ...(builtinObjects[object] ? [] : ['name']),
    ...(builtinObjects[object]?.fields.map((f) => f.key) ?? []),
    ...Object.keys(builtinCollections[object]?.def.filterable ?? {}),
    ...Object.keys(builtinCollections[object]?.def.sortable ?? {}),
    'id',
    'version',
    'custom',
    'createdAt',
    'updatedAt',
    'createdBy',
    'deletedAt',
    'ownerId',
  ])

function builtinField(object: string, f: BuiltinField, lang: Lang): ObjectField {
  const c = builtinCollections[object]
  const labels = (lang === 'zh-CN' ? fieldLabelsZh : fieldLabelsEn) as Record<string, string>
  const optionLabels = (lang === 'zh-CN' ? optionLabelsZh : optionLabelsEn) as Record<
    string,
    Record<string, string>
  >
  const out: ObjectField = {
    key: f.key,
    label: labels[f.key] ?? f.key,
    type: BUILTIN_TYPES[f.type],
    required: !!f.required,
    filterable: !!c?.def.filterable[f.key],
    sortable: !!c?.def.sortable[f.key],
    custom: false,
    readOnly: !!f.readOnly,
    access: f.readOnly ? 'read' : 'edit',
  }
  if (f.type === 'enum')
    out.options = f.values.map((v) => ({ value: v, label: optionLabels[f.enum]?.[v] ?? v }))
  if (f.type === 'number') {
    if (f.min !== undefined) out.min = f.min
    if (f.max !== undefined) out.max = f.max
  }
  const rel = RELATED[f.type]
  if (rel) out.relation = rel
  return out
}

/** A custom field as the object model serves it, labels in `lang`. */
export function customField(d: FieldDefinition, lang: Lang): ObjectField {
  const out: ObjectField = {
    key: d.key,
    label: d.labels[lang] ?? d.label,
    type: d.type,
    required: d.required,
    filterable: d.filterable,
    sortable: d.sortable || d.filterable,
    custom: true,
    readOnly: d.type === 'formula' || d.type === 'rollup',
    access: d.type === 'formula' || d.type === 'rollup' ? 'read' : 'edit',
  }
  if (d.options.length)
    out.options = d.options.map((o) => ({
      value: o.value,
      label: o.labels?.[lang] ?? o.label,
      ...(o.color ? { color: o.color } : {}),
      ...(o.retired ? { retired: true } : {}),
    }))
  if (d.relation) out.relation = d.relation
  if (d.helpText) out.helpText = d.helpText
  const min = d.min ?? fieldTypeDomains[d.type]?.min
  const max = d.max ?? fieldTypeDomains[d.type]?.max
  if (min !== undefined) out.min = min
  if (max !== undefined) out.max = max
  if (d.formula) out.formula = d.formula
  if (d.resultType) out.resultType = d.resultType
  return out
}

/** The fields every custom object has: its name (which names its records), owner and times. */
const customObjectBase = (lang: Lang): ObjectField[] => {
  const zh = lang === 'zh-CN'
  const base = { custom: false, required: false, readOnly: false, access: 'edit' as const }
  return [
    {
      ...base,
      key: 'name',
      label: zh ? '名称' : 'Name',
      type: 'text',
      required: true,
      filterable: true,
      sortable: true,
    },
    {
      ...base,
      key: 'ownerId',
      label: zh ? '负责人' : 'Owner',
      type: 'user',
      filterable: true,
      sortable: false,
    },
    {
      ...base,
      key: 'createdAt',
      label: zh ? '创建时间' : 'Created',
      type: 'datetime',
      filterable: true,
      sortable: true,
      readOnly: true,
      access: 'read',
    },
    {
      ...base,
      key: 'updatedAt',
      label: zh ? '更新时间' : 'Updated',
      type: 'datetime',
      filterable: true,
      sortable: true,
      readOnly: true,
      access: 'read',
    },
  ]
}

/** One object, built-in fields then custom ones, for a caller who may read it. */
async function describe(tx: Executor, ctx: Ctx, key: string, lang: Lang): Promise<ObjectSchema> {
  const b = builtinObjects[key]
  const custom = b ? undefined : (await loadCustomObjects(tx, ctx.ws)).get(key)
  const [one, many] = custom
    ? [custom.labels[lang]?.one ?? custom.label, custom.labels[lang]?.many ?? custom.pluralLabel]
    : ((lang === 'zh-CN' ? objectLabelsZh : objectLabelsEn)[key] ?? [key, key])
  const defs = (await loadDefinitions(tx, ctx.ws)).get(key) ?? []
  const own = b
    ? b.fields.filter((f) => !(f as { virtual?: boolean }).virtual).map((f) => builtinField(key, f, lang))
    : customObjectBase(lang)
  return {
    key,
    label: one,
    pluralLabel: many,
    builtIn: !!b,
    titleField: b?.titleField ?? 'name',
    fields: [...own, ...defs.map((d) => customField(d, lang))].flatMap((f) => {
      // Field-level security: hidden fields are left out, read-only ones say so.
      const access = fieldAccessOf(ctx.principal, key, f.custom ? `custom.${f.key}` : f.key)
      if (access === 'hidden') return []
      return access === 'read' ? [{ ...f, access: 'read' as const }] : [f]
    }),
  }
}

/** The objects the caller may read (`GET /objects`): the built-in ones, then the workspace's own. */
export async function listObjects(tx: Executor, ctx: Ctx, lang: Lang): Promise<ObjectSchema[]> {
  const keys = (await objectKeys(tx, ctx.ws)).filter((k) => scopeFor(ctx.principal, k, 'read') !== 'none')
  return Promise.all(keys.map((k) => describe(tx, ctx, k, lang)))
}

export async function getObject(tx: Executor, ctx: Ctx, key: string, lang: Lang): Promise<ObjectSchema> {
  if (!(await objectExists(tx, ctx.ws, key)) || scopeFor(ctx.principal, key, 'read') === 'none')
    throw notFound('Object')
  return describe(tx, ctx, key, lang)
}
