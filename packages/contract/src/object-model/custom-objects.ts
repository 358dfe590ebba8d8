import { z } from 'zod'
import { Id, RecordBase, Timestamp, Version } from '../common'
import { FieldDefinitionCreate } from './field-definitions'

/** A custom object's key: lower case, digits and _, e.g. `site_visits`; it names its URLs and events. */
export const ObjectKey = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,40}$/,
    'must start with a lower-case letter and hold only a–z, 0–9 and _ (2–41 characters)',
  )

const label = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters')
const Names = z.object({ one: label.optional(), many: label.optional() }).strict()
export const ObjectLabels = z.object({ en: Names.optional(), 'zh-CN': Names.optional() }).strict()

export const CustomObjectCreate = z
  .object({
    key: ObjectKey,
    label,
    pluralLabel: label,
    labels: ObjectLabels.optional(),
    icon: z.string().max(40).optional(),
    /** Its first fields (each as a field definition without `object`). */
    fields: z
      .array(FieldDefinitionCreate.omit({ object: true }))
      .max(100, 'at most 100 fields')
      .optional(),
  })
  .strict()
  .meta({ id: 'CustomObjectCreate' })
export type CustomObjectCreate = z.input<typeof CustomObjectCreate>

export const CustomObjectUpdate = z
  .object({
    version: Version,
    label: label.optional(),
    pluralLabel: label.optional(),
    labels: ObjectLabels.optional(),
    icon: z.string().max(40).nullable().optional(),
  })
  .strict()
  .meta({ id: 'CustomObjectUpdate' })

export const CustomObject = z
  .object({
    id: Id,
    version: z.number().int(),
    key: z.string(),
    label: z.string(),
    pluralLabel: z.string(),
    labels: ObjectLabels,
    icon: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'CustomObject' })
export type CustomObject = z.infer<typeof CustomObject>

/** A record of a custom object: its name, and its fields under `custom`. */
export const CustomRecord = RecordBase.extend({ object: z.string(), name: z.string() }).meta({
  id: 'CustomRecord',
})
export type CustomRecord = z.infer<typeof CustomRecord>
export const CustomRecordCreate = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200, 'at most 200 characters'),
    ownerId: Id.nullable().optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'CustomRecordCreate' })
export const CustomRecordUpdate = z
  .object({
    version: Version,
    name: z.string().trim().min(1, 'is required').max(200, 'at most 200 characters').optional(),
    ownerId: Id.nullable().optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'CustomRecordUpdate' })
