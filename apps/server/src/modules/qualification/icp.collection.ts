import { icpNumericFields, type Icp } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { baseRecord } from '../../core/crud/mapping'
import { AppError, type FieldError } from '../../core/errors'
import { icps, type IcpDimension } from './qualification.table'

type Row = Record<string, any>

export const icpRecord = (r: Row): Icp => ({
  ...baseRecord(r),
  name: r.name,
  description: r.description ?? null,
  active: r.active,
  dimensions: r.dimensions ?? [],
  template: r.template ?? null,
})

const keys = ['name', 'description', 'active', 'dimensions']

/**
 * The type of the values a dimension's field holds: a built-in field's own, a custom field's as its
 * dimension declares it (`valueType`) or, undeclared, as its target implies (a range: number).
 */
export function valueTypeOf(d: IcpDimension): 'number' | 'text' {
  if (!d.field.startsWith('custom.')) return icpNumericFields.includes(d.field) ? 'number' : 'text'
  return d.valueType ?? (d.target.kind === 'range' ? 'number' : 'text')
}

/**
 * Each field once; number fields take a range, the others a set of values; `valueType` only on custom
 * fields. `rangeNotNumber` lists the ranges given to a field that does not hold numbers — refused apart,
 * with their own code, once the rest is valid.
 */
export function checkDimensions(dimensions: IcpDimension[]): {
  errors: FieldError[]
  rangeNotNumber: FieldError[]
} {
  const errors: FieldError[] = []
  const rangeNotNumber: FieldError[] = []
  const seen = new Set<string>()
  dimensions.forEach((d, i) => {
    if (seen.has(d.field))
      errors.push({ path: `dimensions.${i}.field`, message: `"${d.field}" is used twice` })
    seen.add(d.field)
    const custom = d.field.startsWith('custom.')
    if (!custom && d.valueType)
      errors.push({
        path: `dimensions.${i}.valueType`,
        message: `${d.field} is a built-in field with its own type; valueType is for custom fields only`,
      })
    const type = valueTypeOf(d)
    if (type === 'number' && d.target.kind !== 'range')
      errors.push({
        path: `dimensions.${i}.target`,
        message: `${d.field} is a number${custom ? ' field' : ''}: give a range (min, max or both)`,
      })
    if (type === 'text' && d.target.kind === 'range')
      rangeNotNumber.push({
        path: `dimensions.${i}.target`,
        message: custom
          ? `${d.field} is a text field: give a set of values, or set its valueType to "number"`
          : `${d.field} does not hold numbers: give a set of values`,
      })
  })
  return { errors, rangeNotNumber }
}

/**
 * ICP definitions (SPEC R-01) as a configuration collection: administrators edit them, everyone reads
 * them. A range on a field that does not hold numbers is refused with 422 `icp_range_not_number`. Each
 * change recomputes every account's fit in the background (`qualification_recompute`).
 */
export const icpCollection = new Collection<Icp, any, any>({
  name: 'icps',
  entity: 'icp',
  label: 'ICP',
  table: icps,
  toRecord: icpRecord,
  toColumns: (input: Row) =>
    Object.fromEntries(
      keys
        .filter((k) => k in input && input[k] !== undefined)
        .map((k) => [k, input[k] ?? (k === 'active' ? true : null)]),
    ),
  validate: async (_tx, _ctx, c) => {
    const { errors, rangeNotNumber } = checkDimensions(c.dimensions ?? [])
    if (errors.length) return errors
    if (rangeNotNumber.length)
      throw new AppError(
        'unprocessable',
        'icp_range_not_number',
        `A range needs a number field: ${rangeNotNumber.map((e) => e.message).join('; ')}`,
        { errors: rangeNotNumber },
      )
    return []
  },
  sortable: {
    name: { column: icps.name, kind: 'string' },
    updatedAt: { column: icps.updatedAt, kind: 'date' },
    createdAt: { column: icps.createdAt, kind: 'date' },
  },
  filterable: {
    active: { column: icps.active, kind: 'boolean' },
    template: { column: icps.template, kind: 'string' },
  },
  search: [icps.name, icps.description],
  defaultSort: 'name',
})
