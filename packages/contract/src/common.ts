import { z } from 'zod'
import { objectModelRegistry } from './object-model/field-annotations'

export const Id = z.uuid({ error: 'must be an id (UUID)' })
export const Timestamp = z.iso.datetime({ offset: true })
export const Version = z.number({ error: 'version is required: send the version you read' }).int().min(1)
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as CNY')
export const Decimal = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,16}(\.\d{1,2})?$/.test(v), 'must be a decimal amount with at most 2 decimals')

/** Money on the wire: `{ amount: "1200000.00", currency: "CNY" }`. */
export const Money = z.object({ amount: Decimal, currency: Currency.default('CNY') })
// How the object model shows them (a field using them needs no annotation of its own).
objectModelRegistry.add(Decimal, { ui: 'decimal' })
objectModelRegistry.add(Money, { ui: 'money' })
export const MoneyOut = z.object({ amount: z.string(), currency: z.string() })

/**
 * A record's custom field values by key. Which keys and types a workspace has is in its object model:
 * `GET /api/v1/objects/:object` (fields with `custom: true`); docs/object-model.md.
 */
export const CustomValues = z
  .record(z.string(), z.unknown())
  .describe('custom field values by key; the fields and their types: GET /api/v1/objects/{object}')

/** Fields every record carries on the wire. */
export const RecordBase = z.object({
  id: Id,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: Id.nullable(),
  ownerId: Id.nullable(),
  deletedAt: Timestamp.nullable(),
  custom: CustomValues,
})

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() })

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose()

export const VersionBody = z.object({ version: Version.optional() })
export const IdParams = z.object({ id: z.string() })
export const DecimalString = z.string()
