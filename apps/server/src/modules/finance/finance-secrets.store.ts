import { eq, isNotNull } from 'drizzle-orm'
import type { SecretStore } from '../../core/crypto/stored-secrets'
import { financeSettings } from './finance.table'

/** The finance connector's credentials (sealed JSON), for key rotation. */
export const financeSecretStore: SecretStore = {
  name: 'finance_settings',
  async reseal(tx, map) {
    const rows = await tx
      .select({ ws: financeSettings.workspaceId, sealed: financeSettings.credentialsSealed })
      .from(financeSettings)
      .where(isNotNull(financeSettings.credentialsSealed))
    let n = 0
    for (const r of rows) {
      const next = map(r.sealed!)
      if (next === r.sealed) continue
      await tx
        .update(financeSettings)
        .set({ credentialsSealed: next })
        .where(eq(financeSettings.workspaceId, r.ws))
      n += 1
    }
    return n
  },
}
