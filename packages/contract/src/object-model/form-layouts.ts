import { z } from 'zod'
import { Timestamp } from '../common'

const title = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters')

/** When a section shows: a field's value on the record being edited (`custom.<key>` for custom fields). */
export const LayoutCondition = z
  .object({
    field: z.string().min(1).max(80),
    op: z.enum(['eq', 'neq', 'in', 'empty', 'not_empty']),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).max(100)]).optional(),
  })
  .strict()
export type LayoutCondition = z.infer<typeof LayoutCondition>

export const LayoutSection = z
  .object({
    id: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ (at most 40)'),
    title,
    titles: z.object({ en: title.optional(), 'zh-CN': title.optional() }).strict().optional(),
    columns: z.number().int().min(1).max(3),
    /** Field keys in order (custom fields as `custom.<key>`). */
    fields: z.array(z.string().min(1).max(80)).max(200),
    visibleWhen: LayoutCondition.optional(),
  })
  .strict()
export type LayoutSection = z.infer<typeof LayoutSection>

export const FormLayoutUpdate = z
  .object({
    /** The version read (0 when the object still had its default layout). */
    version: z.number().int().min(0),
    sections: z.array(LayoutSection).min(1, 'at least one section').max(30, 'at most 30 sections'),
  })
  .strict()
  .meta({ id: 'FormLayoutUpdate' })
export type FormLayoutUpdate = z.infer<typeof FormLayoutUpdate>

export const FormLayout = z
  .object({
    object: z.string(),
    version: z.number().int(),
    /** False while the object has the layout made from its fields' order (nobody designed one yet). */
    designed: z.boolean(),
    sections: z.array(LayoutSection),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'FormLayout' })
export type FormLayout = z.infer<typeof FormLayout>

/** An object's definitions as a file (the basis of templates, R-32): importing it twice changes nothing. */
export const ObjectDefinitionFile = z
  .object({
    format: z.literal('openkam.object.v1'),
    object: z
      .object({
        key: z.string().min(1).max(64),
        builtIn: z.boolean(),
        label: z.string().optional(),
        pluralLabel: z.string().optional(),
        labels: z.record(z.string(), z.unknown()).optional(),
        icon: z.string().nullable().optional(),
      })
      .strict(),
    fields: z.array(z.record(z.string(), z.unknown())).max(500),
    layout: z.array(LayoutSection).nullable(),
  })
  .strict()
  .meta({ id: 'ObjectDefinitionFile' })
export type ObjectDefinitionFile = z.infer<typeof ObjectDefinitionFile>

export const DefinitionImportResult = z
  .object({
    object: z.string(),
    objectCreated: z.boolean(),
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    layout: z.enum(['saved', 'unchanged', 'none']),
  })
  .meta({ id: 'DefinitionImportResult' })
