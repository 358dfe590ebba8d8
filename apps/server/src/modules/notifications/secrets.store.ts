import { eq, isNotNull, or } from 'drizzle-orm'
import type { SecretStore } from '../../core/crypto/stored-secrets'
import { notificationSettings, webhooks } from './notification.table'

/** Webhook and robot signing secrets (webhooks.secret). */
const webhookSecrets: SecretStore = {
  name: 'webhooks',
  async reseal(tx, map) {
    const rows = await tx
      .select({ id: webhooks.id, secret: webhooks.secret })
      .from(webhooks)
      .where(isNotNull(webhooks.secret))
    let n = 0
    for (const r of rows) {
      const next = map(r.secret!)
      if (next === r.secret) continue
      await tx.update(webhooks).set({ secret: next }).where(eq(webhooks.id, r.id))
      n += 1
    }
    return n
  },
}

/** The SMTP password and the SMS provider's secret key, inside the settings' JSON. */
const settingsSecrets: SecretStore = {
  name: 'notification_settings',
  async reseal(tx, map) {
    const rows = await tx
      .select({
        ws: notificationSettings.workspaceId,
        smtp: notificationSettings.smtp,
        sms: notificationSettings.sms,
      })
      .from(notificationSettings)
      .where(or(isNotNull(notificationSettings.smtp), isNotNull(notificationSettings.sms)))
    let n = 0
    for (const r of rows) {
      const password = r.smtp?.password
      const secret = r.sms?.accessKeySecret
      const nextPassword = typeof password === 'string' && password ? map(password) : password
      const nextSecret = typeof secret === 'string' && secret ? map(secret) : secret
      if (nextPassword === password && nextSecret === secret) continue
      await tx
        .update(notificationSettings)
        .set({
          smtp: r.smtp ? { ...r.smtp, password: nextPassword } : r.smtp,
          sms: r.sms ? { ...r.sms, accessKeySecret: nextSecret } : r.sms,
        })
        .where(eq(notificationSettings.workspaceId, r.ws))
      n += 1
    }
    return n
  },
}

export const notificationSecretStores: SecretStore[] = [webhookSecrets, settingsSecrets]
