import { z } from 'zod'
import { CustomValues, Id, Money, MoneyOut, RecordBase, Version } from './common'

export const industries = [
  'manufacturing',
  'finance',
  'retail',
  'healthcare',
  'education',
  'saas',
  'logistics',
  'energy',
  'government',
  'other',
] as const
export const Industry = z.enum(industries)

export const Account = RecordBase.extend({
  name: z.string(),
  industry: Industry.nullable(),
  annualSpend: MoneyOut.nullable(),
}).meta({ id: 'Account' })
export type Account = z.infer<typeof Account>

const fields = {
  name: z.string().trim().min(1, 'name is required').max(200, 'at most 200 characters'),
  industry: Industry.nullable(),
  annualSpend: Money.nullable(),
  ownerId: Id.nullable(),
  custom: CustomValues,
}

export const AccountCreate = z
  .object({
    name: fields.name,
    industry: fields.industry.optional(),
    annualSpend: fields.annualSpend.optional(),
    ownerId: fields.ownerId.optional(),
    custom: fields.custom.optional(),
  })
  .strict()
  .meta({ id: 'AccountCreate' })
export type AccountCreate = z.infer<typeof AccountCreate>

export const AccountUpdate = z
  .object({
    version: Version,
    name: fields.name.optional(),
    industry: fields.industry.optional(),
    annualSpend: fields.annualSpend.optional(),
    ownerId: fields.ownerId.optional(),
    custom: fields.custom.optional(),
  })
  .strict()
  .meta({ id: 'AccountUpdate' })
export type AccountUpdate = z.infer<typeof AccountUpdate>
