import { icpNumericFields, type Icp } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { baseRecord } from '../../core/crud/mapping'
import type { FieldError } from '../../core/errors'
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

/** Numeric fields take a range, the others a set of values; each field once. */
export function checkDimensions(dimensions: IcpDimension[]): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  dimensions.forEach((d, i) => {
    if (seen.has(d.field))
      errors.push({ path: `dimensions.${i}.field`, message: `"${d.field}" is used twice` })
    seen.add(d.field)
    const numeric = icpNumericFields.includes(d.field)
    if (numeric && d.target.kind !== 'range')
      errors.push({ path: `dimensions.${i}.target`, message: `${d.field} is a number: give a range` })
    if (!numeric && !d.field.startsWith('custom.') && d.target.kind !== 'values')
      errors.push({ path: `dimensions.${i}.target`, message: `${d.field} takes a set of values` })
  })
  return errors
}

/**
 * ICP definitions (SPEC R-01) as a configuration collection: administrators edit them, everyone reads
 * them. Each change recomputes every account's fit in the background (`qualification_recompute`).
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
  validate: async (_tx, _ctx, c) => checkDimensions(c.dimensions ?? []),
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
