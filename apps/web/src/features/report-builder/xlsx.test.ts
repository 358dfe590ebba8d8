import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { columnName, crc32, sheetName, toXlsx } from './xlsx'

describe('xlsx writer', () => {
  it('computes the zip checksum', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %d as %s', (i, name) => expect(columnName(i)).toBe(name))

  it('keeps sheet names Excel accepts', () => {
    expect(sheetName('ARR [by] tier: 2026/Q3?')).toBe('ARR  by  tier  2026 Q3')
    expect(sheetName('x'.repeat(40))).toHaveLength(31)
  })

  it('writes a workbook a spreadsheet program reads back', async () => {
    const bytes = toXlsx(
      'ARR by tier',
      ['层级 Tier', 'ARR', 'Win rate'],
      [
        ['战略 <Strategic> & co', { value: 1200000, format: 'integer' }, { value: 0.425, format: 'percent' }],
        ['Growth', 5, null],
      ],
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes.buffer as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('ARR by tier')
    expect(ws.getRow(1).values).toEqual([undefined, '层级 Tier', 'ARR', 'Win rate'])
    expect(ws.getCell('A2').value).toBe('战略 <Strategic> & co')
    expect(ws.getCell('B2').value).toBe(1200000)
    expect(ws.getCell('B2').numFmt).toBe('#,##0')
    expect(ws.getCell('C2').numFmt).toBe('0.0%')
    expect(ws.getCell('B3').value).toBe(5)
    expect(ws.getCell('C3').value).toBeNull()
  })
})
