import { describe, expect, it } from 'vitest'
import { industries } from '@openkam/contract'
import { convertCell, dateTime, enumValue, type ImportField } from './import-fields'
import { resolveMapping } from './import-mapping'

describe('dateTime', () => {
  it.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026/1/5 9:30', '2026-01-05T09:30:00.000Z'],
    ['2026-01-31T14:30:15', '2026-01-31T14:30:15.000Z'],
    ['2026-01-31T14:30:00+08:00', '2026-01-31T06:30:00.000Z'],
    ['2026-01-31 14:30+0800', '2026-01-31T06:30:00.000Z'],
    ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => expect(dateTime(text)).toEqual({ ok: true, value: iso }))

  it.each(['2026-02-30', '31.01.2026', '2026-01-31 25:00', 'yesterday'])('refuses %s', (text) =>
    expect(dateTime(text)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a date and time/),
    }),
  )
})

const field = (kind: ImportField['kind'], values?: readonly string[]): ImportField => ({
  key: 'x',
  kind,
  labels: [],
  values,
})

describe('convertCell', () => {
  it.each<[ImportField['kind'], string, unknown]>([
    ['int', '1,200', 1200],
    ['int', '42.0', 42],
    ['decimal', '¥1,234.50', '1234.50'],
    ['currency', 'usd', 'USD'],
    ['bool', '是', true],
    ['bool', 'No', false],
    ['list', 'cost; speed；scale', ['cost', 'speed', 'scale']],
  ])('turns a %s cell "%s" into %o', (kind, text, value) =>
    expect(convertCell(field(kind), text)).toEqual({ ok: true, value }),
  )

  it.each<[ImportField['kind'], string]>([
    ['int', '12.5'],
    ['int', 'many'],
    ['bool', 'maybe'],
  ])('refuses a %s cell "%s"', (kind, text) => expect(convertCell(field(kind), text).ok).toBe(false))

  it.each([
    ['Retail', 'retail'],
    ['制造业', 'manufacturing'],
    ['mining', 'mining'],
  ])('maps the enum text %s to %s', (text, value) => expect(enumValue(industries, text)).toBe(value))
})

describe('resolveMapping', () => {
  it('maps headers by field name or label in any case, and follows an explicit mapping first', () => {
    const m = resolveMapping('accounts', ['客户名称', 'ANNUAL SPEND', 'Owner e-mail', 'Firma', 'id'], {
      Firma: 'segment',
    })
    expect(m.errors).toEqual([])
    expect(m.columns.map((c) => c.field)).toEqual(['name', 'annualSpend.amount', 'owner', 'segment', null])
  })

  it('maps the columns of a lead file in English or Chinese, and lead choices by their Chinese names', () => {
    const m = resolveMapping('leads', ['姓名', 'Company', '邮箱', '线索来源', 'Status', 'Score'], undefined)
    expect(m.errors).toEqual([])
    expect(m.columns.map((c) => c.field)).toEqual(['name', 'company', 'email', 'source', 'status', null])
    const [source, status] = [m.mapped[3]!.field, m.mapped[4]!.field]
    expect(convertCell(source, '转介绍')).toEqual({ ok: true, value: 'referral' })
    expect(convertCell(status, '跟进中')).toEqual({ ok: true, value: 'working' })
  })

  it('refuses two columns for one field and a missing required field', () => {
    const m = resolveMapping('contacts', ['Name', '姓名'], undefined)
    expect(m.errors.map((e) => e.message)).toEqual([
      'columns "Name" and "姓名" both map to name; ignore one of them in the mapping',
      expect.stringMatching(/^no column maps to accountId or account or accountCreditCode/),
    ])
  })
})

describe('option labels from the object model', () => {
  it.each([
    ['大型集团', 'large'],
    ['Large group', 'large'],
    ['国际', 'international'],
  ])('reads the size band or market scope "%s" as %s', (text, value) => {
    const m = resolveMapping('accounts', ['Size band', 'Market scope'], undefined)
    const field = m.mapped.find((c) => c.field.values?.includes(value))!.field
    expect(convertCell(field, text)).toEqual({ ok: true, value })
  })
})
