import type { z } from 'zod'
import {
  accountResource,
  activityResource,
  builtinObjects,
  contactResource,
  fieldLabelsEn,
  fieldLabelsZh,
  importObjects,
  leadResource,
  optionLabelsEn,
  optionLabelsZh,
  type BuiltinField,
  type BuiltinImportObject,
} from '@openkam/contract'
import type { FieldKind, ImportField } from './import-fields'
import { fieldsMissingFromModel, headerSynonyms, referenceColumns } from './import-synonyms'

/** Whether an import object is one of the built-in objects the importer takes (else: a custom object's key). */
export const isBuiltinImport = (object: string): object is BuiltinImportObject =>
  (importObjects as readonly string[]).includes(object)

/** The API's create schema of each importable built-in object: what a row must pass, and which fields it may fill. */
export const createSchemas: Record<BuiltinImportObject, z.ZodObject> = {
  accounts: accountResource.Create,
  contacts: contactResource.Create,
  activities: activityResource.Create,
  leads: leadResource.Create,
}

const KIND: Partial<Record<BuiltinField['type'], FieldKind>> = {
  text: 'text',
  textarea: 'text',
  email: 'text',
  url: 'text',
  phone: 'text',
  segment: 'text',
  number: 'int',
  decimal: 'decimal',
  percent: 'decimal',
  date: 'text',
  datetime: 'datetime',
  bool: 'bool',
  enum: 'enum',
  tags: 'list',
}

const labelsEn: Record<string, string> = fieldLabelsEn
const labelsZh: Record<string, string> = fieldLabelsZh
const split = (s: string | undefined) => (s ? s.split('|') : [])
const present = (xs: (string | undefined)[]) => xs.filter((x): x is string => !!x)

/** An enum's option labels in both languages (lower case) → values, so that 大型集团 and "Large group" import. */
function optionLabelsOf(enumName: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const group of [optionLabelsEn, optionLabelsZh] as Record<string, Record<string, string>>[])
    for (const [value, label] of Object.entries(group[enumName] ?? {}))
      if (values.includes(value)) out[label.trim().toLowerCase()] = value
  return out
}

/**
 * The import columns of one field of the object model: one for a plain field (its key, its English and
 * Chinese labels, its synonyms), two for money (`.amount`, `.currency`), and for a reference the
 * importer resolves its id column plus the columns that name the record (owner by e-mail, account by
 * name or credit code …), which take the field's labels. Other references and computed fields: none.
 */
export function importFieldsOf(object: string, m: BuiltinField): ImportField[] {
  const synonyms = headerSynonyms[object] ?? {}
  const [en, zh] = [labelsEn[m.key], labelsZh[m.key]]
  const named = (key: string, kind: FieldKind, labels: (string | undefined)[]): ImportField => ({
    key,
    kind,
    labels: [...present(labels), ...split(synonyms[key])],
  })
  if (m.type === 'money')
    return [
      named(`${m.key}.amount`, 'decimal', [m.key, en, zh]),
      named(`${m.key}.currency`, 'currency', [`${m.key}Currency`, en && `${en} currency`, zh && `${zh}币种`]),
    ]
  if (m.type === 'enum')
    return [
      {
        ...named(m.key, 'enum', [en, zh]),
        values: m.values,
        optionLabels: optionLabelsOf(m.enum, m.values),
      },
    ]
  const kind = KIND[m.type]
  if (kind) return [named(m.key, kind, [en, zh])]
  const ref = referenceColumns[m.key]
  if (!ref) return []
  return [
    ...(ref.idColumn ? [named(m.key, 'id', [en && `${en} id`, zh && `${zh}ID`])] : []),
    ...ref.columns.map((c) => ({
      key: c.key,
      kind: c.kind,
      ref: c.ref,
      labels: [...(c.takesLabels ? present([en, zh]) : []), ...split(c.synonyms)],
    })),
  ]
}

/** The fields of a built-in object a file may fill: those its create schema takes, read-only ones aside. */
function modelFieldsOf(object: BuiltinImportObject): BuiltinField[] {
  const accepted = createSchemas[object].shape
  const described = builtinObjects[object]?.fields ?? []
  const missing = Object.entries(fieldsMissingFromModel[object] ?? {})
    .filter(([key]) => !described.some((f) => f.key === key))
    .map(([key, type]) => ({ key, type }) as BuiltinField)
  return [...described, ...missing].filter((f) => f.key in accepted && !f.readOnly && !f.virtual)
}

/** Each importable built-in object's import columns, derived from the object model. */
export const importFields = Object.fromEntries(
  importObjects.map((o) => [o, modelFieldsOf(o).flatMap((f) => importFieldsOf(o, f))]),
) as Record<BuiltinImportObject, ImportField[]>

/**
 * Groups of which at least one field must be mapped for the file to be importable at all: each required
 * field of the model, by its id or by a column that names the record.
 */
/**
 * Fields an import needs beyond the model's required ones: an activity needs an account or the record it is
 * about, and a file has no column for the latter (`relatedType` is the API's), so an imported one needs its
 * account.
 */
const importRequires: Partial<Record<BuiltinImportObject, string[]>> = { activities: ['accountId'] }

export const requiredFields = Object.fromEntries(
  importObjects.map((o) => [
    o,
    modelFieldsOf(o)
      .filter((f) => f.required || importRequires[o]?.includes(f.key))
      .map((f) => importFieldsOf(o, f).map((c) => c.key)),
  ]),
) as Record<BuiltinImportObject, string[][]>
