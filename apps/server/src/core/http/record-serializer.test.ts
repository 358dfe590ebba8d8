import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { recordSerializer, recordShaper } from './record-serializer'

const Rec = z.object({
  id: z.string(),
  amount: z.object({ amount: z.string(), currency: z.string() }).nullable(),
  name: z.string().trim().nullable(),
  tags: z.array(z.string()),
})

describe('recordShaper', () => {
  it('gives the key set and key order zod would give, nested objects included', () => {
    const rec = {
      tags: ['a'],
      workspaceId: 'hidden',
      name: 'Acme',
      amount: { currency: 'CNY', amount: '1.00', extra: 1 },
      id: 'x',
    }
    expect(JSON.stringify(recordShaper(Rec)!(rec))).toBe(JSON.stringify(Rec.parse(rec)))
  })

  it('passes null nested objects through and leaves out missing keys', () => {
    const rec = { id: 'x', amount: null, name: null, tags: [] }
    expect(recordShaper(Rec)!(rec)).toEqual(Rec.parse(rec))
    expect(JSON.stringify(recordShaper(Rec)!({ id: 'x' }))).toBe('{"id":"x"}')
  })

  it('declines schemas that are not objects', () => {
    expect(recordShaper(z.union([Rec, z.string()]))).toBeNull()
  })

  it('serialises a page as zod would', () => {
    const page = { data: [{ id: 'x', amount: null, name: 'A', tags: [], secret: 's' }], nextCursor: null }
    const zod = z.object({ data: z.array(Rec), nextCursor: z.string().nullable() })
    expect(recordSerializer(Rec, true)!(page)).toBe(JSON.stringify(zod.parse(page)))
  })
})
