import { describe, expect, it } from 'vitest'
import { retryOnConflict } from './postgres'
import type { Db } from './types'

/** A stand-in database whose transactions fail with the given codes, in turn, before succeeding. */
const failing = (codes: (string | undefined)[]) => {
  let calls = 0
  const db = {
    transaction: async (fn: (tx: unknown) => Promise<unknown>) => {
      const code = codes[calls++]
      if (code !== undefined) throw Object.assign(new Error(`failed ${code}`), { code })
      return fn('tx')
    },
  }
  return { db: retryOnConflict(db as unknown as Db), calls: () => calls }
}

describe('transactions on PostgreSQL', () => {
  it('run again after a deadlock or a serialization failure, up to three times', async () => {
    const once = failing(['40P01', '40001'])
    expect(await once.db.transaction(async (tx) => `done in ${String(tx)}`)).toBe('done in tx')
    expect(once.calls()).toBe(3)
    const never = failing(['40P01', '40P01', '40P01', '40P01'])
    await expect(never.db.transaction(async () => 'x')).rejects.toThrow('failed 40P01')
    expect(never.calls()).toBe(3)
  })

  it('do not run again for any other error', async () => {
    const other = failing(['23505'])
    await expect(other.db.transaction(async () => 'x')).rejects.toThrow('failed 23505')
    expect(other.calls()).toBe(1)
  })
})
