import { absoluteLink } from './channels/messages'
import { localTime, t, type Lang } from './texts'

export type DigestTask = { id: string; title: string; dueAt: Date | null }
export type DigestInput = {
  lang: Lang
  name: string
  day: string
  appUrl: string | null
  unread: { subject: string; link: string | null }[]
  overdue: DigestTask[]
  dueSoon: DigestTask[]
  /** Open tasks beyond the overdue and due-soon ones. */
  otherOpen: number
}

/**
 * The daily digest e-mail in the person's language, or null when there is nothing to tell:
 * no unread notification of the last 24 hours and no open task.
 */
export function composeDigest(d: DigestInput): { subject: string; text: string } | null {
  if (!d.unread.length && !d.overdue.length && !d.dueSoon.length && d.otherOpen === 0) return null
  const { lang } = d
  const link = (l: string | null) => {
    const abs = absoluteLink(l, d.appUrl)
    return abs ? ` — ${abs}` : ''
  }
  const taskLine = (x: DigestTask) =>
    `- ${x.title}${x.dueAt ? ` (${t(lang, 'digestDue', { due: localTime(x.dueAt) })})` : ''}${link(`/tasks/${x.id}`)}`
  const parts: string[] = [t(lang, 'digestHello', { name: d.name })]
  if (d.unread.length)
    parts.push(
      [
        t(lang, 'digestUnread', { n: d.unread.length }),
        ...d.unread.map((n) => `- ${n.subject}${link(n.link)}`),
      ].join('\n'),
    )
  if (d.overdue.length)
    parts.push([t(lang, 'digestOverdue', { n: d.overdue.length }), ...d.overdue.map(taskLine)].join('\n'))
  if (d.dueSoon.length)
    parts.push([t(lang, 'digestDueSoon', { n: d.dueSoon.length }), ...d.dueSoon.map(taskLine)].join('\n'))
  if (d.otherOpen > 0) parts.push(t(lang, 'digestOpen', { n: d.otherOpen }))
  parts.push(t(lang, 'digestFooter'))
  return { subject: t(lang, 'digestSubject', { day: d.day }), text: parts.join('\n\n') }
}
