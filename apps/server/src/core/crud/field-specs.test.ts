import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { boolean, date, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import { builtinObject, builtinObjects, Decimal, field, resource, type BuiltinField } from '@openkam/contract'
import { fieldSpecs, parseDayFilter } from './field-specs'

const things = pgTable('things', {
  name: text('name'),
  note: text('note'),
  tags: text('tags').array(),
  ownerId: uuid('owner_id'),
  amount: numeric('amount'),
  dueDate: date('due_date'),
  at: timestamp('at', { withTimezone: true }),
  done: boolean('done'),
  colour: text('colour'),
  band: text('band_column'),
})

const FS = { filterable: true, sortable: true } as const
const describeThings = (...fields: BuiltinField[]) => ({ name: 'things', fields })

describe('fieldSpecs', () => {
  it.each([
    ['text', 'name', 'string', 'string'],
    ['textarea', 'note', 'string', 'string'],
    ['user', 'ownerId', 'uuid', 'string'],
    ['decimal', 'amount', 'number', 'number'],
    ['date', 'dueDate', 'string', 'string'],
    ['datetime', 'at', 'date', 'date'],
    ['bool', 'done', 'boolean', 'boolean'],
  ] as const)(
    'filters a %s field (%s) as %s and sorts it as %s when it is flagged both ways',
    (type, key, filter, sort) => {
      const field = { key, type, ...FS } as BuiltinField
      const specs = fieldSpecs(describeThings(field), things)
      // A date-only field parses its filter value as a day, so `abc` never reaches the database.
      const parse = type === 'date' ? { parse: parseDayFilter } : {}
      expect(specs.filterable[key]).toEqual({ column: things[key], kind: filter, ...parse })
      expect(specs.sortable[key]).toEqual({ column: things[key], kind: sort })
    },
  )

  it('filters an enum by its values and sorts it as a string when the field is an enum', () => {
    const colour = { key: 'colour', type: 'enum', enum: 'colour', values: ['red', 'blue'], ...FS } as const
    const specs = fieldSpecs(describeThings(colour), things)
    expect(specs.filterable.colour).toEqual({ column: things.colour, kind: 'enum', values: ['red', 'blue'] })
    expect(specs.sortable.colour).toEqual({ column: things.colour, kind: 'string' })
  })

  it.each([
    ['filterable', { filterable: true }, ['name'], []],
    ['sortable', { sortable: true }, [], ['name']],
    ['neither', {}, [], []],
  ])('offers the key only where flagged when a field is %s', (_, flags, filters, sorts) => {
    const specs = fieldSpecs(describeThings({ key: 'name', type: 'text', ...flags }), things)
    expect(Object.keys(specs.filterable)).toEqual(filters)
    expect(Object.keys(specs.sortable)).toEqual(sorts)
  })

  it('uses the mapped column when an override names the column of a key', () => {
    const specs = fieldSpecs(describeThings({ key: 'healthBand', type: 'text', filterable: true }), things, {
      columns: { healthBand: things.band },
    })
    expect(specs.filterable.healthBand!.column).toBe(things.band)
  })

  it('adds override specs as they are when the object model cannot describe a key', () => {
    const expr = sql`lower(${things.name})`
    const specs = fieldSpecs(describeThings({ key: 'name', type: 'text', ...FS }), things, {
      filterable: { lowerName: { column: expr, kind: 'string' } },
    })
    expect(Object.keys(specs.filterable)).toEqual(['name', 'lowerName'])
    expect(specs.filterable.lowerName!.column).toBe(expr)
    expect(Object.keys(specs.sortable)).toEqual(['name'])
  })

  it.each([
    [
      'the table has no such column',
      { key: 'missing', type: 'text', filterable: true },
      /no column "missing"/,
    ],
    ['the type cannot be compared', { key: 'tags', type: 'tags', filterable: true }, /tags field cannot/],
  ] as const)('throws naming the field when %s', (_, field, message) => {
    expect(() => fieldSpecs(describeThings(field as BuiltinField), things)).toThrow(message)
  })

  it('accepts a field of a resource as a filter and sort key when its schema is annotated so', () => {
    const thing = resource('Thing', {
      name: field(z.string(), { sortable: true }),
      amount: field(Decimal, FS),
      dueDate: field(z.iso.date(), { filterable: true }),
      note: z.string(),
    })
    const description = builtinObject(thing, {
      name: 'things',
      title: 'things',
      titleField: 'name',
      order: [],
      columns: [],
      filters: ['dueDate'],
      defaultSort: 'name',
    })
    const specs = fieldSpecs(description, things)
    expect(specs.filterable).toEqual({
      amount: { column: things.amount, kind: 'number' },
      dueDate: { column: things.dueDate, kind: 'string', parse: parseDayFilter },
    })
    expect(specs.sortable).toEqual({
      name: { column: things.name, kind: 'string' },
      amount: { column: things.amount, kind: 'number' },
    })
  })

  it.each(Object.values(builtinObjects).map((o) => [o.name, o] as const))(
    'offers the web only keys the API accepts as default filters and sorts of %s',
    (_, o) => {
      const flagged = (flag: 'filterable' | 'sortable') => o.fields.filter((f) => f[flag]).map((f) => f.key)
      expect(flagged('filterable')).toEqual(expect.arrayContaining(o.filters))
      expect(flagged('sortable')).toEqual(expect.arrayContaining(o.sorts))
      expect(o.sorts).toContain(o.defaultSort.replace(/^-/, ''))
      // A virtual field is no property of the record, so nothing may write it.
      expect(o.fields.filter((f) => f.virtual && !f.readOnly)).toEqual([])
    },
  )
})

describe('parseDayFilter', () => {
  it.each([
    ['2026-02-28', true],
    ['null', true],
    ['abc', false],
    ['2026-02-30', false],
    ['2026-2-1', false],
    ['0000-01-01', false],
    ['2026-02-28T00:00:00Z', false],
  ])('reads %s as a day: %s', (v, ok) => expect(parseDayFilter(v).ok).toBe(ok))
})
