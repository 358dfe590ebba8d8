import { describe, expect, it } from 'vitest'
import { hiddenByAnyRole, hiddenIn, redactEventPayload, redactRecord } from './field-redaction'

describe('field redaction', () => {
  it('keeps only hidden entries of a role, read-only fields stay readable', () => {
    expect(hiddenIn({ accounts: { phone: 'hidden', tier: 'read' }, tickets: { body: 'read' } })).toEqual({
      accounts: new Set(['phone']),
    })
  })

  it('hides from a reader without a role what any role may not see', () => {
    const h = hiddenByAnyRole([
      { accounts: { phone: 'hidden' } },
      { accounts: { 'custom.creditLimit': 'hidden', tier: 'read' }, site_visit: { notes: 'hidden' } },
      {},
    ])
    expect(h).toEqual({
      accounts: new Set(['phone', 'custom.creditLimit']),
      site_visit: new Set(['notes']),
    })
  })

  it('removes built-in and custom fields from a record without changing the original', () => {
    const rec = { id: '1', name: 'Acme', phone: '123', custom: { creditLimit: 5, erp: 'SAP' } }
    const out = redactRecord(rec, new Set(['phone', 'custom.creditLimit']))
    expect(out).toEqual({ id: '1', name: 'Acme', custom: { erp: 'SAP' } })
    expect(rec.custom.creditLimit).toBe(5)
    expect(redactRecord(rec, undefined)).toBe(rec)
  })

  it('redacts an update event: the record, the before image and the changed list', () => {
    const payload = {
      record: { id: '1', phone: '2', custom: { creditLimit: 9 } },
      before: { phone: '1', custom: { creditLimit: 5 } },
      changed: ['phone', 'custom', 'name'],
    }
    expect(redactEventPayload(payload, new Set(['phone', 'custom.creditLimit']))).toEqual({
      record: { id: '1', custom: {} },
      before: { custom: {} },
      changed: ['custom', 'name'],
    })
  })

  it('redacts fields carried at the top level and leaves other payloads alone', () => {
    expect(redactEventPayload({ stage: 'won', amount: 5 }, new Set(['amount']))).toEqual({ stage: 'won' })
    expect(redactEventPayload([1, 2], new Set(['amount']))).toEqual([1, 2])
    expect(redactEventPayload(null, new Set(['amount']))).toBeNull()
  })
})
