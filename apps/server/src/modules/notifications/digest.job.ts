import type { JobContext, JobDef } from '../../core/jobs/jobs'
import { newId } from '../../core/ids'
import { peopleByIds, rolesOf } from '../users'
import { composeDigest } from './digest'
import { countOpenTasks, openTasksOf } from './inbox.repository'
import {
  claimDigestDay,
  hasDigest,
  inAppOf,
  insertNotifications,
  workspaceIds,
} from './notification.repository'
import { queueDeliveries, workspaceLocale } from './notify.service'
import { digestSubscribers } from './settings.repository'
import { loadSettings } from './settings.service'
import { dayAndHour, langOf } from './texts'

const DAY_MS = 24 * 3600_000

/**
 * The daily digest: for each person with the digest on, one e-mail a day (workspace time, Asia/Shanghai)
 * with their unread notifications of the last 24 hours and their open tasks. The hourly run sends at the
 * workspace's digest hour; a manual run (`{ws}`) sends for that workspace now. Nothing to tell, no e-mail.
 */
export async function runDigest(
  ctx: Pick<JobContext, 'db' | 'jobs'>,
  data: { ws?: string },
  now = new Date(),
) {
  const immediate = !!data.ws
  const { day, hour } = dayAndHour(now)
  let sent = 0
  for (const ws of data.ws ? [data.ws] : await workspaceIds(ctx.db)) {
    const settings = await loadSettings(ctx.db, ws)
    if (!settings.smtp || (!immediate && hour !== settings.digestHour)) continue
    const wsLocale = await workspaceLocale(ctx.db, ws)
    const people = await peopleByIds(ctx.db, ws, await digestSubscribers(ctx.db, ws))
    for (const p of people) {
      if (!p.email || (await hasDigest(ctx.db, ws, p.id, day))) continue
      const scope = { userId: p.id, roles: await rolesOf(ctx.db, ws, p.id) }
      const soon = new Date(now.getTime() + DAY_MS)
      const overdue = await openTasksOf(ctx.db, ws, scope, { limit: 50, dueBefore: now })
      const dueSoon = await openTasksOf(ctx.db, ws, scope, { limit: 50, dueFrom: now, dueBefore: soon })
      const open = await countOpenTasks(ctx.db, ws, scope)
      const unread = await inAppOf(ctx.db, ws, p.id, {
        limit: 50,
        unreadSince: new Date(now.getTime() - DAY_MS),
      })
      const lang = langOf(p.locale, wsLocale)
      const mail = composeDigest({
        lang,
        name: p.name,
        day,
        appUrl: settings.appUrl,
        unread: unread.map((n) => ({ subject: n.subject, link: n.link })),
        overdue: overdue.map((x) => ({ id: x.id, title: x.title, dueAt: x.dueAt })),
        dueSoon: dueSoon.map((x) => ({ id: x.id, title: x.title, dueAt: x.dueAt })),
        otherOpen: Math.max(0, open - overdue.length - dueSoon.length),
      })
      if (!mail) continue
      await ctx.db.transaction(async (tx) => {
        const id = newId()
        // The day's slot is taken in the same transaction as the e-mail row: a second run sends nothing.
        if (!(await claimDigestDay(tx, ws, p.id, day, id))) return
        const row = {
          id,
          workspaceId: ws,
          userId: p.id,
          channel: 'email',
          subject: mail.subject,
          body: mail.text,
          relatedType: 'digest',
          status: 'pending',
          payload: { to: p.email, subject: mail.subject, text: mail.text },
          createdAt: new Date(),
        }
        await insertNotifications(tx, [row])
        await queueDeliveries(tx, ws, ctx.jobs, [row])
        sent++
      })
    }
  }
  return { sent }
}

export const digestJob: JobDef<{ ws?: string }> = {
  name: 'notifications_digest',
  cron: '0 * * * *',
  manual: true,
  handle: (data, ctx) => runDigest(ctx, data ?? {}),
}
