import { z } from 'zod'
import { objectModelRegistry } from './object-model/field-annotations'

export const Id = z.uuid({ error: 'must be an id (UUID)' })
/** Years a business date may fall in: older or later ones are typing mistakes (`0020` for `2020`). */
const MIN_YEAR = 1900
// A value that is not a date at all is refused once, by its format check, not a second time here.
const inYears = (v: string) => !/^\d{4}/.test(v) || Number(v.slice(0, 4)) >= MIN_YEAR
export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine(inYears, `must be a time from the year ${MIN_YEAR} on`)
/** A day as YYYY-MM-DD, from the year 1900 on. */
export const Day = z.iso
  .date({ error: 'must be a date like 2026-01-31' })
  .refine(inYears, `must be a date from the year ${MIN_YEAR} on`)
/** A month as YYYY-MM, from the year 1900 on. */
export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-07')
  .refine(inYears, `must be a month from the year ${MIN_YEAR} on`)
export const Version = z.number({ error: 'version is required: send the version you read' }).int().min(1)
/**
 * The ISO 4217 codes in use, from the Unicode CLDR data Node and browsers ship (`Intl.supportedValuesOf`),
 * and each one's minor-unit digits (JPY 0, CNY 2, KWD 3).
 */
export const currencyCodes: readonly string[] = Intl.supportedValuesOf('currency')
const currencySet = new Set(currencyCodes)
export const currencyDecimals = (code: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits ?? 2
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as CNY')
  .refine(
    (c) => !/^[A-Z]{3}$/.test(c) || currencySet.has(c),
    'must be an ISO 4217 currency code such as CNY, USD or EUR',
  )

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/
const decimal = (signed: boolean) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => DECIMAL.test(v), 'must be a decimal amount with at most 2 decimals')
    .refine((v) => signed || !v.startsWith('-') || Number(v) === 0, 'cannot be negative')
/** A money amount: at most 16 digits and 2 decimals, never negative. */
export const Decimal = decimal(false)
/** An amount that may be negative (a field that says so: an adjustment, a difference). */
export const SignedDecimal = decimal(true)

/** Decimals an amount has beyond what its currency allows (`"100.50"` in JPY), or null when it fits. */
export function excessDecimals(amount: string, currency: string): string | null {
  const digits = currencyDecimals(currency)
  const frac = (amount.split('.')[1] ?? '').replace(/0+$/, '')
  return frac.length > digits
    ? `${currency} has ${digits === 0 ? 'no decimals' : `at most ${digits} decimal${digits === 1 ? '' : 's'}`}`
    : null
}

/** Money on the wire: `{ amount: "1200000.00", currency: "CNY" }`. */
export const Money = z
  .object({ amount: Decimal, currency: Currency.default('CNY') })
  .superRefine((m, ctx) => {
    // An amount already refused as malformed is not named twice.
    const bad = DECIMAL.test(m.amount) ? excessDecimals(m.amount, m.currency) : null
    if (bad) ctx.addIssue({ code: 'custom', path: ['amount'], message: bad, input: m.amount })
  })
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
