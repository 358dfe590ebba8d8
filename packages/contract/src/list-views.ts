import { z } from 'zod'
import { Id, Timestamp } from './common'

/**
 * Saved list views (issue 18): a list's search, filters, sort and columns under a name, kept on the
 * server; private to their owner, or shared with one of the owner's teams or the whole workspace.
 */
export const listViewSharings = ['private', 'team', 'workspace'] as const
export type ListViewSharing = (typeof listViewSharings)[number]

const name = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters')
const objectKey = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'not an object key')
/** A list's state as its address holds it: filter parameters (`industry=retail,finance`) by name. */
const filters = z
  .record(z.string().max(120), z.string().max(2000))
  .refine((f) => Object.keys(f).length <= 50, 'at most 50 filters')
const columns = z.array(z.string().min(1).max(120)).max(60, 'at most 60 columns')
const sort = z
  .string()
  .regex(/^-?(custom\.)?[a-zA-Z][a-zA-Z0-9_]{0,62}$/, 'a field, or -field for descending')

const viewFields = {
  name,
  object: objectKey,
  q: z.string().max(200).nullable().optional(),
  sort: sort.nullable().optional(),
  filters: filters.optional(),
  columns: columns.nullable().optional(),
  sharing: z.enum(listViewSharings).optional(),
  /** The team a `team` view is shared with: one the owner belongs to. */
  teamId: Id.nullable().optional(),
}

export const ListViewCreate = z.object(viewFields).strict().meta({ id: 'ListViewCreate' })
export type ListViewCreate = z.input<typeof ListViewCreate>
export const ListViewUpdate = z
  .object({ ...viewFields, name: name.optional(), object: objectKey.optional(), version: z.number().int() })
  .strict()
  .meta({ id: 'ListViewUpdate' })
export type ListViewUpdate = z.input<typeof ListViewUpdate>
export const ListView = z
  .object({
    id: Id,
    version: z.number().int(),
    name: z.string(),
    object: z.string(),
    q: z.string().nullable(),
    sort: z.string().nullable(),
    filters: z.record(z.string(), z.string()),
    /** null: the object's default columns. */
    columns: z.array(z.string()).nullable(),
    sharing: z.enum(listViewSharings),
    teamId: Id.nullable(),
    ownerId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ListView' })
export type ListView = z.infer<typeof ListView>

/**
 * `POST /api/v1/<collection>/bulk-update`: one change for several records (`ids` + `set`), or a change
 * per record (`records`, what an undo sends back). All in one transaction: any refusal changes nothing.
 */
export const BulkUpdateRequest = z
  .object({
    ids: z.array(Id).min(1).max(500, 'at most 500 records at once').optional(),
    set: z.record(z.string(), z.unknown()).optional(),
    records: z
      .array(
        z
          .object({
            id: Id,
            /** The version read; a record changed since answers 409 naming it. */
            version: z.number().int().optional(),
            /**
             * The values the fields must hold now (an undo: those the change left); a record whose fields
             * were changed since answers 409 `changed_since` naming it.
             */
            expect: z.record(z.string(), z.unknown()).optional(),
            set: z.record(z.string(), z.unknown()),
          })
          .strict(),
      )
      .min(1)
      .max(500, 'at most 500 records at once')
      .optional(),
  })
  .strict()
  .refine((b) => (b.ids && b.set && !b.records) || (!b.ids && !b.set && b.records), {
    message: 'send either ids and set, or records',
    path: ['records'],
  })
  .meta({ id: 'BulkUpdateRequest' })
export type BulkUpdateRequest = z.input<typeof BulkUpdateRequest>

export const BulkUpdateResult = z
  .object({
    /** How many records changed. */
    updated: z.number().int(),
    /** Each record's values before and after the change, and its version now. */
    changes: z.array(
      z.object({
        id: Id,
        version: z.number().int(),
        before: z.record(z.string(), z.unknown()),
        after: z.record(z.string(), z.unknown()),
      }),
    ),
    /** The body that undoes the change: post it back to the same route. */
    undo: z.object({
      records: z.array(
        z.object({
          id: Id,
          expect: z.record(z.string(), z.unknown()),
          set: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  })
  .meta({ id: 'BulkUpdateResult' })
export type BulkUpdateResult = z.infer<typeof BulkUpdateResult>
