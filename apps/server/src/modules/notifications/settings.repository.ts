import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { sealStored } from '../../core/crypto/secret-box'
import { notificationPreferences, notificationSettings } from './notification.table'

export const findSettings = async (tx: Executor, ws: string, forUpdate = false) => {
  const q = tx.select().from(notificationSettings).where(eq(notificationSettings.workspaceId, ws))
  return (forUpdate ? await q.for('update') : await q)[0] ?? null
}

/** Writes the settings; the version rises by one (a missing row counts as version 1). */
export const saveSettings = async (
  tx: Executor,
  ws: string,
  values: {
    smtp: Record<string, unknown> | null
    sms: Record<string, unknown> | null
    digestHour: number
    appUrl: string | null
    version: number
  },
  userId: string | null,
) =>
  (
    await tx
      .insert(notificationSettings)
      .values({ workspaceId: ws, ...values, updatedAt: new Date(), updatedBy: userId })
      .onConflictDoUpdate({
        target: notificationSettings.workspaceId,
        set: {
          smtp: sql`excluded.smtp`,
          sms: sql`excluded.sms`,
          digestHour: sql`excluded.digest_hour`,
          appUrl: sql`excluded.app_url`,
          version: sql`excluded.version`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
      })
      .returning()
  )[0]!

/** Writes only the SMS settings (e.g. the demo's sample values), leaving the rest as it is. */
export const saveSmsSettings = (tx: Executor, ws: string, plain: Record<string, unknown> | null) => {
  const sms = plain && { ...plain, accessKeySecret: sealStored(plain.accessKeySecret as string | null) }
  return tx
    .insert(notificationSettings)
    .values({ workspaceId: ws, sms, updatedAt: new Date() })
    .onConflictDoUpdate({ target: notificationSettings.workspaceId, set: { sms, updatedAt: new Date() } })
}

export const findPreferences = (tx: Executor, ws: string, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : tx
        .select()
        .from(notificationPreferences)
        .where(
          and(eq(notificationPreferences.workspaceId, ws), inArray(notificationPreferences.userId, userIds)),
        )

export const savePreferences = (tx: Executor, ws: string, userId: string, prefs: Record<string, unknown>) =>
  tx
    .insert(notificationPreferences)
    .values({ workspaceId: ws, userId, prefs, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [notificationPreferences.workspaceId, notificationPreferences.userId],
      set: { prefs, updatedAt: new Date() },
    })

/** People of the workspace who turned the daily digest on. */
export const digestSubscribers = async (tx: Executor, ws: string): Promise<string[]> =>
  (
    await tx
      .select({ userId: notificationPreferences.userId })
      .from(notificationPreferences)
      .where(
        and(
          eq(notificationPreferences.workspaceId, ws),
          sql`(${notificationPreferences.prefs}->>'digest')::boolean`,
        ),
      )
  ).map((r) => r.userId)
