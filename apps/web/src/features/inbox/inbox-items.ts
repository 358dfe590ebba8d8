import dayjs, { type Dayjs } from 'dayjs'

/** Record types whose collection (URL) differs from `<type>s`. */
const collectionOfType: Record<string, string> = {
  opportunity: 'opportunities',
  activity: 'activities',
  marketing_touch: 'marketing-touches',
}

/** The collection a task's or notification's related record lives in (`opportunity` → `opportunities`). */
export const collectionOf = (type: string) => collectionOfType[type] ?? `${type}s`

/** The page of a related record, or null for types the app has no page for. */
export function relatedPath(type: string | null | undefined, id: string | null | undefined) {
  if (!type || !id) return null
  if (type === 'alert') return '/alerts'
  if (type === 'account') return `/accounts/${id}`
  if (type === 'handoff') return null
  return `/${collectionOf(type)}/${id}`
}

/**
 * Whole calendar days a task is past due (0 when due earlier today), or null when it is not overdue.
 * @example overdueDays('2024-05-01T09:00:00Z', dayjs('2024-05-03T08:00:00Z')) // 2
 */
export function overdueDays(dueAt: string | null | undefined, now: Dayjs = dayjs()): number | null {
  if (!dueAt) return null
  const due = dayjs(dueAt)
  if (!due.isBefore(now)) return null
  return now.startOf('day').diff(due.startOf('day'), 'day')
}

/** Where a click on a notification's link goes: inside the app, outside it, or nowhere. */
export function linkTarget(
  link: string | null | undefined,
): { internal: string } | { external: string } | null {
  if (!link) return null
  if (link.startsWith('/') && !link.startsWith('//')) return { internal: link }
  if (/^https?:\/\//i.test(link)) return { external: link }
  return null
}

/** A URL cut to its host and the start of its path, for a table cell: `oapi.dingtalk.com/robot/se…`. */
export function shortUrl(url: string, max = 36) {
  let s = url
  try {
    const u = new URL(url)
    s = `${u.host}${u.pathname === '/' ? '' : u.pathname}`
  } catch {
    // Not a URL we can parse: show it as it is, cut.
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}
