import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { Id, Money, Timestamp } from '../common'
import { handoffResource } from '../handoffs'
import { accountResource, collectionResources, type AccountCreate } from '../records'
import { resource, type ResourceSource } from '../resource'
import { builtinObjects } from './builtin-objects'
import { builtinObject, fieldsOf } from './derive-fields'
import { apiOnly, F, field, FS, objectModelRegistry } from './field-annotations'
import { fieldLabelsEn, optionLabelsEn } from './labels.en'
import { fieldLabelsZh, optionLabelsZh } from './labels.zh-CN'

const resources: Record<string, { source: ResourceSource; Record: z.ZodObject }> = {
  ...collectionResources,
  handoffs: handoffResource,
}
/** Record properties every record has; the object model describes only those a resource lists in `base`. */
const recordBase = ['id', 'version', 'createdBy', 'deletedAt', 'custom', 'ownerId', 'createdAt', 'updatedAt']
const only = (key: string, schema: z.ZodType, opts: Partial<ResourceSource> = {}) =>
  fieldsOf('things', { fields: { [key]: schema }, readOnly: {}, required: [], base: {}, ...opts })[0]

describe('built-in fields described once (the wire schema and its annotations)', () => {
  it.each(Object.entries(resources))(
    'describes every property of the %s record the object model has, and no other',
    (name, r) => {
      const o = builtinObjects[name]!
      const described = new Set(o.fields.filter((f) => !f.virtual).map((f) => f.key))
      const shape = r.Record.shape as Record<string, z.ZodType>
      for (const key of Object.keys(shape)) {
        const expected = recordBase.includes(key)
          ? key in r.source.base
          : !objectModelRegistry.get((r.source.fields[key] ?? r.source.readOnly[key])!)?.hidden
        expect([key, described.has(key)]).toEqual([key, expected])
      }
      for (const key of described) expect(shape).toHaveProperty(key)
    },
  )

  it.each(Object.entries(resources))(
    'types each field of %s as its schema says, bound for bound and option for option',
    (name, r) => {
      for (const f of builtinObjects[name]!.fields.filter((x) => !x.virtual)) {
        const wire = (r.source.fields[f.key] ?? r.source.readOnly[f.key]) as z.ZodType | undefined
        if (!wire) continue // a base field: owner or stamp
        const inner = wire instanceof z.ZodNullable ? (wire.unwrap() as z.ZodType) : wire
        if (inner instanceof z.ZodEnum) expect(f).toMatchObject({ type: 'enum', values: inner.options })
        if (inner instanceof z.ZodBoolean) expect(f.type).toBe('bool')
        if (inner instanceof z.ZodNumber && f.type === 'number') {
          if (Number.isFinite(inner.minValue) && Math.abs(inner.minValue!) < 2 ** 53 - 1)
            expect(f.min).toBe(inner.minValue)
          if (Number.isFinite(inner.maxValue) && Math.abs(inner.maxValue!) < 2 ** 53 - 1)
            expect(f.max).toBe(inner.maxValue)
        }
        if (inner instanceof z.ZodStringFormat && ['email', 'date', 'datetime'].includes(inner.format!))
          expect(f.type).toBe(inner.format)
        expect(f.required).toBe(r.source.required.includes(f.key) || f.required)
        if (f.key in r.source.readOnly) expect(f.readOnly).toBe(true)
      }
    },
  )

  it('labels every described field and every option in English and Chinese', () => {
    const missing: string[] = []
    for (const o of Object.values(builtinObjects))
      for (const f of o.fields) {
        for (const [lang, labels] of [
          ['en', fieldLabelsEn],
          ['zh-CN', fieldLabelsZh],
        ] as const)
          if (!(f.key in labels)) missing.push(`${lang} fields.${f.key}`)
        if (f.type !== 'enum') continue
        for (const [lang, groups] of [
          ['en', optionLabelsEn],
          ['zh-CN', optionLabelsZh],
        ] as const)
          for (const v of f.values)
            if (!(groups as Record<string, Record<string, string>>)[f.enum]?.[v])
              missing.push(`${lang} ${f.enum}.${v}`)
      }
    expect(missing).toEqual([])
  })

  it('offers every field flagged sortable as a sort key, and nothing else', () => {
    for (const o of Object.values(builtinObjects))
      expect(o.sorts).toEqual(o.fields.filter((f) => f.sortable).map((f) => f.key))
  })

  it('shows a field added to a resource in the description, with its flags, when it is annotated once', () => {
    const things = resource(
      'Thing',
      {
        ...accountResource.source.fields,
        rating: field(z.number().int().min(1).max(10), FS),
        secret: apiOnly(z.string()),
      },
      { required: ['name'], base: { updatedAt: FS } },
    )
    const o = builtinObject(things, {
      name: 'things',
      title: 'things',
      titleField: 'name',
      order: ['name'],
      columns: ['name', 'rating'],
      filters: ['rating'],
      defaultSort: '-rating',
    })
    expect(o.fields.find((f) => f.key === 'rating')).toEqual({
      key: 'rating',
      type: 'number',
      min: 1,
      max: 10,
      required: false,
      filterable: true,
      sortable: true,
    })
    expect(o.sorts).toContain('rating')
    expect(o.fields.map((f) => f.key)).not.toContain('secret')
    // The wire schemas take it too: the same one place.
    expect(things.Create.safeParse({ name: 'x', rating: 11 }).success).toBe(false)
    expect(things.Create.safeParse({ name: 'x', rating: 3, secret: 's' }).success).toBe(true)
  })

  it.each([
    ['a plain string', z.string().max(100), { type: 'text' }],
    ['a long string', z.string().max(5000), { type: 'textarea' }],
    ['an e-mail', z.email(), { type: 'email' }],
    ['an ISO date', z.iso.date(), { type: 'date' }],
    ['a timestamp', Timestamp, { type: 'datetime' }],
    ['a boolean', z.boolean(), { type: 'bool' }],
    ['an int without bounds', z.number().int(), { type: 'number' }],
    ['a bounded int', z.number().int().min(0).max(5), { type: 'number', min: 0, max: 5 }],
    ['a string list', z.array(z.string()), { type: 'tags' }],
    ['an enum', z.enum(['a', 'b']), { type: 'enum', enum: 'x', values: ['a', 'b'] }],
    ['money', Money, { type: 'money' }],
    ['a user id', field(Id, { ui: 'user' }), { type: 'user' }],
    [
      'a grouped enum',
      field(z.enum(['a']), { enum: 'level' }),
      { type: 'enum', enum: 'level', values: ['a'] },
    ],
  ])('types %s from its schema', (_, schema, type) => {
    expect(only('x', schema)).toEqual({ key: 'x', required: false, ...type })
  })

  it("lets forms pick an activity's contacts and deal (issue 18.2)", () => {
    const fields = builtinObjects.activities!.fields
    expect(fields.find((f) => f.key === 'contactIds')).toMatchObject({ type: 'contacts' })
    expect(fields.find((f) => f.key === 'opportunityId')).toMatchObject({ type: 'opportunity' })
  })

  it('marks record-only fields and stamps read-only, and the owner editable, when they are described', () => {
    const fields = fieldsOf('things', {
      fields: { stage: field(z.enum(['a']), { readOnly: true, ...F }) },
      readOnly: { score: z.number().nullable() },
      required: [],
      base: { ownerId: F, createdAt: FS },
    })
    expect(fields.map((f) => [f.key, !!f.readOnly, !!f.filterable, !!f.sortable])).toEqual([
      ['stage', true, true, false],
      ['score', true, false, false],
      ['ownerId', false, true, false],
      ['createdAt', true, true, true],
    ])
  })

  it('throws naming the field when its type cannot be read from its schema', () => {
    expect(() => only('partnerId', Id)).toThrow(/things\.partnerId: its type cannot be read/)
    expect(only('partnerId', apiOnly(Id))).toBeUndefined()
  })

  it.each([
    ['order names an unknown field', { order: ['nope'] }, /order names "nope"/],
    ['a column is unknown', { columns: ['nope'] }, /"nope" is no field/],
    ['a filter is not filterable', { filters: ['name'] }, /"name" is no filterable field/],
    ['the default sort is not sortable', { defaultSort: 'subIndustry' }, /default sort/],
  ])('throws when %s', (_, bad, message) => {
    const p = {
      name: 'x',
      title: 'x',
      titleField: 'name',
      order: [],
      columns: [],
      filters: [],
      defaultSort: 'name',
    }
    expect(() => builtinObject(accountResource, { ...p, ...bad })).toThrow(message)
  })

  it('keeps the static types of annotated fields as precise as the schemas', () => {
    expectTypeOf<AccountCreate['industry']>().toEqualTypeOf<
      | 'manufacturing'
      | 'finance'
      | 'retail'
      | 'healthcare'
      | 'education'
      | 'saas'
      | 'logistics'
      | 'energy'
      | 'government'
      | 'other'
      | null
      | undefined
    >()
    expectTypeOf<z.infer<typeof accountResource.Record>['icpFit']>().toEqualTypeOf<number | null>()
    expectTypeOf<AccountCreate['csmId']>().toEqualTypeOf<string | null | undefined>()
  })
})
