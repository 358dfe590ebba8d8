import { describe, expect, it } from 'vitest'
import { fieldLabelsEn, fieldLabelsZh, importObjects, type FieldDefinition } from '@openkam/contract'
import { importFields, requiredFields } from './builtin-import-fields'
import { customImportFields } from './import-custom'
import { convertCell, normalize } from './import-fields'
import { resolveMapping } from './import-mapping'

const fieldOf = (object: string, header: string, custom: ReturnType<typeof customImportFields> = []) =>
  resolveMapping(object, [header], undefined, custom).columns[0]!.field

describe('import columns derived from the object model', () => {
  it.each([
    ['accounts', fieldLabelsEn.creditCode, 'creditCode'],
    ['accounts', fieldLabelsZh.techMaturity, 'techMaturity'],
    ['accounts', fieldLabelsEn.decisionDepartment, 'decisionDepartment'],
    ['accounts', fieldLabelsZh.annualSpend, 'annualSpend.amount'],
    ['accounts', `${fieldLabelsEn.annualSpend} currency`, 'annualSpend.currency'],
    ['contacts', fieldLabelsZh.relationshipLevel, 'relationshipLevel'],
    ['activities', fieldLabelsEn.occurredAt, 'occurredAt'],
    ['leads', fieldLabelsZh.source, 'source'],
  ])('maps a %s header that is a field label (%s) to %s', (object, header, field) =>
    expect(fieldOf(object, header)).toBe(field),
  )

  it.each([
    ['accounts', 'USCC', 'creditCode'],
    ['accounts', '年度采购额', 'annualSpend.amount'],
    ['accounts', '客户经理', 'owner'],
    ['contacts', 'Mobile', 'phone'],
    ['activities', 'Location', 'location'],
    ['activities', '联系人邮箱', 'contactEmails'],
    ['leads', '渠道', 'source'],
  ])('still maps the %s synonym %s to %s', (object, header, field) =>
    expect(fieldOf(object, header)).toBe(field),
  )

  it('gives a reference field its labels on the column that names the record, and "<label> id" on its id', () => {
    expect(fieldOf('contacts', fieldLabelsEn.accountId)).toBe('account')
    expect(fieldOf('contacts', fieldLabelsZh.accountId)).toBe('account')
    expect(fieldOf('contacts', `${fieldLabelsEn.accountId} id`)).toBe('accountId')
    expect(fieldOf('accounts', fieldLabelsZh.ownerId)).toBe('owner')
    expect(fieldOf('accounts', 'Owner id')).toBe('ownerId')
    expect(fieldOf('activities', fieldLabelsEn.contactIds)).toBe('contactEmails')
  })

  it('takes kinds, options and required fields from the model, and leaves out computed and unresolvable fields', () => {
    const accounts = new Map(importFields.accounts.map((f) => [f.key, f]))
    expect(accounts.get('employees')?.kind).toBe('int')
    expect(accounts.get('painPoints')?.kind).toBe('list')
    expect(accounts.get('annualSpend.currency')?.kind).toBe('currency')
    expect(convertCell(accounts.get('sizeBand')!, '大型集团')).toEqual({ ok: true, value: 'large' })
    for (const gone of ['icpFit', 'healthScore', 'teamId', 'updatedAt', 'createdAt'])
      expect(accounts.has(gone)).toBe(false)
    expect(importFields.leads.some((f) => f.key === 'score')).toBe(false)
    expect(importFields.contacts.some((f) => f.key === 'reportsToId')).toBe(false)
    expect(requiredFields.activities).toEqual([
      ['kind'],
      ['subject'],
      ['accountId', 'account', 'accountCreditCode'],
    ])
  })

  it.each(importObjects)('gives no two columns of %s the same header', (object) => {
    const owner = new Map<string, string>()
    const clashes: string[] = []
    for (const f of importFields[object])
      for (const l of [f.key, ...f.labels]) {
        const other = owner.get(normalize(l))
        if (other && other !== f.key) clashes.push(`${l}: ${other} and ${f.key}`)
        owner.set(normalize(l), f.key)
      }
    expect(clashes).toEqual([])
  })
})

const def = (d: Partial<FieldDefinition> & Pick<FieldDefinition, 'key' | 'type' | 'label'>) =>
  ({ labels: {}, options: [], relation: null, required: false, ...d }) as FieldDefinition

describe('import columns of a custom object', () => {
  const defs = [
    def({
      key: 'account',
      type: 'relation',
      label: 'Account',
      labels: { 'zh-CN': '客户' },
      relation: { object: 'accounts' },
    }),
    def({ key: 'visitDate', type: 'date', label: 'Visit date', labels: { 'zh-CN': '拜访日期' } }),
    def({ key: 'outcome', type: 'select', label: 'Outcome', options: [{ value: 'good', label: 'Good' }] }),
    def({ key: 'score', type: 'formula', label: 'Score' }),
  ]
  const custom = customImportFields(defs, { customObject: true })

  it('maps the name, the owner and the fields by key or label in either language', () => {
    const m = resolveMapping(
      'site_visits',
      ['名称', '客户', 'Visit date', 'custom.outcome', '负责人邮箱', 'Score'],
      undefined,
      custom,
    )
    expect(m.errors).toEqual([])
    expect(m.columns.map((c) => c.field)).toEqual([
      'name',
      'custom.account',
      'custom.visitDate',
      'custom.outcome',
      'owner',
      null,
    ])
  })

  it('lets its one relation to accounts answer to the account headers of contacts', () => {
    expect(fieldOf('site_visits', 'Account name', custom)).toBe('custom.account')
    expect(fieldOf('site_visits', '统一社会信用代码', custom)).toBe('custom.account')
    expect(custom.find((f) => f.key === 'custom.account')?.link).toBe('accounts')
  })

  it('refuses a file without a name column', () => {
    const m = resolveMapping('site_visits', ['客户'], undefined, custom)
    expect(m.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^no column maps to name/)])
  })
})
