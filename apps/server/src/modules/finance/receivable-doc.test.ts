import { describe, expect, it } from 'vitest'
import { receivableOf } from './receivable-sync.service'

const contract = {
  number: 'CT-1',
  amount: '1000.00',
  currency: 'CNY',
  signedDate: '2026-01-10',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  notes: null,
}
const inv = (number: string, amount: string, dueDate: string | null, status = 'issued') => ({
  number,
  amount,
  dueDate,
  status,
})

describe('receivableOf', () => {
  it.each([
    ['no plan: the whole amount due at the end', [], [['Contract CT-1', '1000.00', '2026-12-31']]],
    [
      'a plan that leaves a rest: a last line for it',
      [inv('I1', '300.00', '2026-03-01'), inv('I2', '200.50', null)],
      [
        ['Invoice I1', '300.00', '2026-03-01'],
        ['Invoice I2', '200.50', '2026-12-31'],
        ['Contract CT-1', '499.50', '2026-12-31'],
      ],
    ],
    [
      'a full plan, void invoices left out',
      [
        inv('I1', '600.00', '2026-02-01'),
        inv('IV', '999.00', '2026-02-02', 'void'),
        inv('I2', '400.00', '2026-06-01'),
      ],
      [
        ['Invoice I1', '600.00', '2026-02-01'],
        ['Invoice I2', '400.00', '2026-06-01'],
      ],
    ],
  ])('%s', (_name, plan, lines) => {
    const doc = receivableOf(contract, plan)
    expect(doc.lines.map((l) => [l.description, l.amount, l.dueDate])).toEqual(lines)
    expect(doc).toMatchObject({ number: 'CT-1', date: '2026-01-10', currency: 'CNY' })
    expect(doc.amount).toBe(lines.reduce((s, l) => s + Number(l[1]), 0).toFixed(2))
    expect(doc.dueDate).toBe(
      lines
        .map((l) => l[2])
        .sort()
        .at(-1),
    )
  })

  it('dates the bill today when the contract has no signed or start date', () => {
    expect(
      receivableOf({ ...contract, signedDate: null, startDate: null, endDate: null }, [], '2026-05-05'),
    ).toMatchObject({
      date: '2026-05-05',
      dueDate: '2026-05-05',
      lines: [{ amount: '1000.00', dueDate: '2026-05-05' }],
    })
  })
})
