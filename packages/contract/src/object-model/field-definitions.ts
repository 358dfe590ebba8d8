import { z } from 'zod'
import { Id, Timestamp, Version } from '../common'

/** The types a custom field may have (API.md, "Object model and custom fields"). */
export const customFieldTypes = [
  'text',
  'long_text',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multi_select',
  'user',
  'relation',
  'file',
  'url',
  'email',
  'phone',
  'formula',
  'rollup',
] as const
export type CustomFieldType = (typeof customFieldTypes)[number]
/**
 * The values a field type takes when its definition sets no `min` / `max`: money is never negative and a
 * percentage is 0–100 (SPEC R-26). The server checks values against them and `GET /objects` serves them.
 */
export const fieldTypeDomains: Partial<Record<CustomFieldType, { min?: number; max?: number }>> = {
  money: { min: 0 },
  percent: { min: 0, max: 100 },
}
/** Types a field of the object model may have: the custom types, and `tags` (a list of free words). */
export const objectFieldTypes = [...customFieldTypes, 'tags'] as const
export type ObjectFieldType = (typeof objectFieldTypes)[number]

/** What a formula yields, so that its stored value filters and sorts as that type. */
export const formulaResultTypes = ['number', 'text', 'date', 'boolean'] as const
export const rollupFns = ['count', 'sum', 'min', 'max'] as const

export const FieldKey = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9_]{0,62}$/,
    'must start with a lower-case letter and hold only letters, digits and _ (at most 63 characters)',
  )

const label = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters')
/** A label in each language; `label` is used for a language left out. */
export const FieldLabels = z.object({ en: label.optional(), 'zh-CN': label.optional() }).strict()

export const FieldOption = z
  .object({
    value: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
    label,
    labels: FieldLabels.optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1677ff')
      .optional(),
    /** A retired option is no longer offered, but records keep it and still show its label. */
    retired: z.boolean().optional(),
  })
  .strict()
export type FieldOption = z.infer<typeof FieldOption>

export const RollupSpec = z
  .object({
    /** The related object, e.g. `tickets`. */
    object: z.string().min(1).max(64),
    /** The related object's field that points at this record, e.g. `accountId`. */
    via: z.string().min(1).max(64),
    fn: z.enum(rollupFns),
    /** The related field summed, or its min or max (not for count). */
    field: z.string().min(1).max(80).optional(),
    /** Which related records count, in list-filter form, e.g. `{status: "new,open,pending"}`. */
    filter: z.record(z.string(), z.string().max(500)).optional(),
  })
  .strict()

export const RelationSpec = z
  .object({ object: z.string().min(1).max(64), many: z.boolean().optional() })
  .strict()

const definitionFields = {
  label,
  labels: FieldLabels.optional(),
  options: z.array(FieldOption).max(200, 'at most 200 options').optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  defaultValue: z.unknown().optional(),
  helpText: z.string().trim().max(500, 'at most 500 characters').optional(),
  filterable: z.boolean().optional(),
  sortable: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().max(200, 'at most 200 characters').optional(),
  formula: z.string().trim().min(1, 'is required').max(2000, 'at most 2000 characters').optional(),
  resultType: z.enum(formulaResultTypes).optional(),
  rollup: RollupSpec.optional(),
  relation: RelationSpec.optional(),
  /** Order among the object's custom fields. */
  position: z.number().int().min(0).max(10_000).optional(),
}

export const FieldDefinitionCreate = z
  .object({
    object: z.string().min(1).max(64),
    key: FieldKey,
    type: z.enum(customFieldTypes),
    ...definitionFields,
  })
  .strict()
  .meta({ id: 'FieldDefinitionCreate' })
export type FieldDefinitionCreate = z.input<typeof FieldDefinitionCreate>

/** Everything but the object and the key may change; a new type converts the stored values or is refused. */
export const FieldDefinitionUpdate = z
  .object({
    version: Version,
    type: z.enum(customFieldTypes).optional(),
    ...definitionFields,
    label: label.optional(),
  })
  .strict()
  .meta({ id: 'FieldDefinitionUpdate' })
export type FieldDefinitionUpdate = z.input<typeof FieldDefinitionUpdate>

export const indexStatuses = ['none', 'building', 'ready', 'failed'] as const

export const FieldDefinition = z
  .object({
    id: Id,
    version: z.number().int(),
    object: z.string(),
    key: z.string(),
    type: z.enum(customFieldTypes),
    label: z.string(),
    labels: z.object({ en: z.string().optional(), 'zh-CN': z.string().optional() }),
    options: z.array(FieldOption),
    required: z.boolean(),
    unique: z.boolean(),
    defaultValue: z.unknown().nullable(),
    helpText: z.string().nullable(),
    filterable: z.boolean(),
    sortable: z.boolean(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    pattern: z.string().nullable(),
    formula: z.string().nullable(),
    resultType: z.enum(formulaResultTypes).nullable(),
    rollup: RollupSpec.nullable(),
    relation: RelationSpec.nullable(),
    position: z.number().int(),
    /** The expression index behind a filterable field: built in the background, without blocking writes. */
    indexStatus: z.enum(indexStatuses),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Deleted fields keep their values for 30 days and can be restored until then. */
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'FieldDefinition' })
export type FieldDefinition = z.infer<typeof FieldDefinition>

/** A field of an object as `GET /objects` serves it: labels in the caller's language, only what they may see. */
export const ObjectField = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(objectFieldTypes),
    required: z.boolean(),
    filterable: z.boolean(),
    sortable: z.boolean(),
    custom: z.boolean(),
    readOnly: z.boolean(),
    options: z
      .array(
        z.object({
          value: z.string(),
          label: z.string(),
          color: z.string().optional(),
          retired: z.boolean().optional(),
        }),
      )
      .optional(),
    relation: RelationSpec.optional(),
    helpText: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    formula: z.string().optional(),
    resultType: z.enum(formulaResultTypes).optional(),
    access: z.enum(['read', 'edit']),
  })
  .meta({ id: 'ObjectField' })
export type ObjectField = z.infer<typeof ObjectField>

export const ObjectSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    pluralLabel: z.string(),
    builtIn: z.boolean(),
    titleField: z.string(),
    fields: z.array(ObjectField),
  })
  .meta({ id: 'Object' })
export type ObjectSchema = z.infer<typeof ObjectSchema>
