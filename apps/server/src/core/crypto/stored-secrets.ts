import type { Db, Executor } from '../db/types'
import { isSealed, type SecretBox } from './secret-box'

/**
 * A place where a module keeps secrets (webhook secrets, SMTP passwords, finance credentials…): `reseal`
 * passes every stored secret through `map` and writes back the ones that changed, returning how many.
 * Modules hand theirs to the runtime through their index.ts.
 */
export type SecretStore = {
  name: string
  reseal(tx: Executor, map: (stored: string) => string): Promise<number>
}

/**
 * Seals the secrets an older version stored in clear (run at every start, after migrations; a no-op once
 * all are sealed), so backups and dumps from then on hold only ciphertext.
 * @example await sealClearSecrets(db, stores, storedSecretBox())
 */
export async function sealClearSecrets(db: Db, stores: SecretStore[], box: () => SecretBox): Promise<number> {
  return db.transaction(async (tx) => {
    let n = 0
    for (const s of stores) n += await s.reseal(tx, (v) => (isSealed(v) ? v : box().seal(v)))
    return n
  })
}

/**
 * Re-encrypts every stored secret from the old key to the new one, in one transaction: a value that opens
 * with the new key already (a second run) is left alone; one that opens with neither stops the rotation
 * with nothing changed.
 * @example await rotateSecrets(db, stores, oldBox, newBox) // { webhooks: 3, notification_settings: 1, … }
 */
export async function rotateSecrets(
  db: Db,
  stores: SecretStore[],
  from: SecretBox,
  to: SecretBox,
): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {}
    for (const s of stores) {
      counts[s.name] = await s.reseal(tx, (v) => {
        if (!isSealed(v)) return to.seal(v)
        try {
          return to.seal(from.open(v))
        } catch {
          try {
            to.open(v)
            return v
          } catch {
            throw new Error(
              `A secret in ${s.name} opens with neither the old key nor the new one; nothing was changed`,
            )
          }
        }
      })
    }
    return counts
  })
}
