import type { z } from 'zod'
import type {
  NotificationPreferences,
  NotificationPreferencesUpdate,
  NotificationSettingsUpdate,
  NotificationSettingsView,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { diff, recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { outboundRefusal } from '../../core/http/outbound'
import { openStored, sealStored } from '../../core/crypto/secret-box'
import type { Smtp } from './channels/email.sender'
import type { SmsConfig } from './channels/sms/sms.sender'
import { findPreferences, findSettings, savePreferences, saveSettings } from './settings.repository'

export type StoredSettings = {
  smtp: Smtp | null
  sms: SmsConfig | null
  digestHour: number
  appUrl: string | null
  version: number
  updatedAt: Date | null
}

export const DEFAULT_DIGEST_HOUR = 8

/** The workspace's notification settings, with the SMTP password (server side only). */
export async function loadSettings(tx: Executor, ws: string, forUpdate = false): Promise<StoredSettings> {
  const row = await findSettings(tx, ws, forUpdate)
  const smtp = (row?.smtp as Smtp | null | undefined) ?? null
  const sms = (row?.sms as SmsConfig | null | undefined) ?? null
  return {
    // The password and the secret key are stored sealed (core/crypto/secret-box.ts).
    smtp: smtp && { ...smtp, password: openStored(smtp.password) },
    sms: sms && { ...sms, accessKeySecret: openStored(sms.accessKeySecret) },
    digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR,
    appUrl: row?.appUrl ?? null,
    version: row?.version ?? 1,
    updatedAt: row?.updatedAt ?? null,
  }
}

/** The settings as the API shows them: the password is replaced by `hasPassword`. */
export const settingsView = (s: StoredSettings): z.infer<typeof NotificationSettingsView> => ({
  smtp: s.smtp
    ? {
        host: s.smtp.host,
        port: s.smtp.port,
        secure: s.smtp.secure ?? false,
        user: s.smtp.user ?? null,
        from: s.smtp.from,
        hasPassword: !!s.smtp.password,
      }
    : null,
  sms: s.sms
    ? {
        provider: s.sms.provider,
        enabled: s.sms.enabled,
        accessKeyId: s.sms.accessKeyId,
        hasSecret: !!s.sms.accessKeySecret,
        signName: s.sms.signName,
        templateCode: s.sms.templateCode,
        region: s.sms.region ?? null,
        sdkAppId: s.sms.sdkAppId ?? null,
        baseUrl: s.sms.baseUrl ?? null,
      }
    : null,
  digestHour: s.digestHour,
  appUrl: s.appUrl,
  version: s.version,
  updatedAt: s.updatedAt?.toISOString() ?? null,
})

export function requireAdmin(ctx: Ctx, what: string) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', `Only administrators may ${what}`)
}

export async function getSettings(tx: Executor, ctx: Ctx) {
  requireAdmin(ctx, 'read the notification settings')
  return settingsView(await loadSettings(tx, ctx.ws))
}

/** Changes SMTP, SMS, the digest hour or the app URL (administrators; a stale version answers 409). */
export async function updateSettings(
  tx: Executor,
  ctx: Ctx,
  input: z.infer<typeof NotificationSettingsUpdate>,
) {
  requireAdmin(ctx, 'change the notification settings')
  const current = await loadSettings(tx, ctx.ws, true)
  const before = settingsView(current)
  if (current.version !== input.version) {
    throw new AppError(
      'conflict',
      'version_conflict',
      'The notification settings changed since you read them; reload them and apply your change again',
      { current: before },
    )
  }
  let smtp = current.smtp
  if (input.smtp === null) smtp = null
  else if (input.smtp) {
    // No password in the input keeps the stored one; an empty one clears it.
    const password =
      input.smtp.password === undefined ? (current.smtp?.password ?? null) : input.smtp.password || null
    smtp = { ...input.smtp, user: input.smtp.user || null, password }
  }
  let sms = current.sms
  if (input.sms === null) sms = null
  else if (input.sms) {
    // Like the SMTP password: no secret keeps the stored one (for the same key id), an empty one clears it.
    const kept =
      current.sms?.accessKeyId === input.sms.accessKeyId ? (current.sms?.accessKeySecret ?? null) : null
    const secret = input.sms.accessKeySecret === undefined ? kept : input.sms.accessKeySecret || null
    sms = {
      provider: input.sms.provider,
      enabled: input.sms.enabled,
      accessKeyId: input.sms.accessKeyId,
      accessKeySecret: secret,
      signName: input.sms.signName,
      templateCode: input.sms.templateCode,
      region: input.sms.provider === 'tencent' ? (input.sms.region ?? 'ap-guangzhou') : null,
      sdkAppId: input.sms.provider === 'tencent' ? (input.sms.sdkAppId ?? null) : null,
      baseUrl: input.sms.baseUrl ?? null,
    }
    if (sms.enabled && !sms.accessKeySecret)
      throw new AppError('invalid', 'invalid_input', 'SMS cannot be switched on without the secret key', {
        errors: [{ path: 'sms.accessKeySecret', message: 'give the secret of this access key' }],
      })
  }
  // Hosts the server may not reach are refused here (and again when sending): core/http/outbound.ts.
  const refused = [
    ...(input.smtp ? [['smtp.host', await outboundRefusal(input.smtp.host)] as const] : []),
    ...(input.sms?.baseUrl ? [['sms.baseUrl', await outboundRefusal(input.sms.baseUrl)] as const] : []),
  ].filter(([, m]) => m)
  if (refused.length)
    throw new AppError('invalid', 'invalid_input', 'The notification settings are not valid', {
      errors: refused.map(([path, message]) => ({ path, message: message! })),
    })
  const row = await saveSettings(
    tx,
    ctx.ws,
    {
      smtp: smtp && { ...smtp, password: sealStored(smtp.password) },
      sms: sms && { ...sms, accessKeySecret: sealStored(sms.accessKeySecret) },
      digestHour: input.digestHour ?? current.digestHour,
      appUrl: input.appUrl === undefined ? current.appUrl : input.appUrl,
      version: current.version + 1,
    },
    ctx.principal.userId,
  )
  const after = settingsView({
    smtp: (row.smtp as Smtp | null) ?? null,
    sms: (row.sms as SmsConfig | null) ?? null,
    digestHour: row.digestHour,
    appUrl: row.appUrl,
    version: row.version,
    updatedAt: row.updatedAt,
  })
  const passwordChanged = (current.smtp?.password ?? null) !== (smtp?.password ?? null)
  const smsSecretChanged = (current.sms?.accessKeySecret ?? null) !== (sms?.accessKeySecret ?? null)
  const d = diff(before, after)
  await recordAudit(tx, ctx, [
    {
      action: 'update',
      entityType: 'notification_settings',
      entityId: ctx.ws,
      before: d.before,
      after: {
        ...d.after,
        ...(passwordChanged ? { passwordChanged: true } : {}),
        ...(smsSecretChanged ? { smsSecretChanged: true } : {}),
      },
    },
  ])
  return after
}

export const defaultPreferences = (): NotificationPreferences => ({
  channels: { email: true, wecom: true, dingtalk: true, feishu: true },
  digest: false,
})

const withDefaults = (prefs: Record<string, unknown> | null | undefined): NotificationPreferences => {
  const d = defaultPreferences()
  const p = (prefs ?? {}) as Partial<NotificationPreferences>
  return { channels: { ...d.channels, ...(p.channels ?? {}) }, digest: p.digest ?? d.digest }
}

/** Each person's preferences (the defaults for those who never set any). */
export async function preferencesOf(
  tx: Executor,
  ws: string,
  userIds: string[],
): Promise<Map<string, NotificationPreferences>> {
  const rows = await findPreferences(tx, ws, userIds)
  const byUser = new Map(rows.map((r) => [r.userId, r.prefs]))
  return new Map(userIds.map((id) => [id, withDefaults(byUser.get(id))]))
}

const me = (ctx: Ctx) => {
  if (!ctx.principal.userId)
    throw new AppError(
      'forbidden',
      'forbidden',
      'Notification preferences belong to a person; sign in as one',
    )
  return ctx.principal.userId
}

export async function getMyPreferences(tx: Executor, ctx: Ctx) {
  const userId = me(ctx)
  return (await preferencesOf(tx, ctx.ws, [userId])).get(userId)!
}

export async function updateMyPreferences(
  tx: Executor,
  ctx: Ctx,
  input: z.infer<typeof NotificationPreferencesUpdate>,
) {
  const userId = me(ctx)
  const before = (await preferencesOf(tx, ctx.ws, [userId])).get(userId)!
  const after: NotificationPreferences = {
    channels: { ...before.channels, ...(input.channels ?? {}) },
    digest: input.digest ?? before.digest,
  }
  await savePreferences(tx, ctx.ws, userId, after)
  const d = diff(before, after)
  if (d.changed.length)
    await recordAudit(tx, ctx, [
      {
        action: 'update',
        entityType: 'notification_preferences',
        entityId: userId,
        before: d.before,
        after: d.after,
      },
    ])
  return after
}
