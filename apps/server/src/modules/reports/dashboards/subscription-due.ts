/** The workspace time zone of scheduled messages (as the daily digest). */
export const WORKSPACE_TZ = 'Asia/Shanghai'

export type DueSubscription = {
  enabled: boolean
  frequency: 'daily' | 'weekly' | 'monthly'
  hour: number
  lastSentAt: Date | string | null
}

type Local = { y: number; m: number; d: number; hour: number; weekday: number }

const formats = new Map<string, Intl.DateTimeFormat>()

/** A moment's calendar date, hour and weekday (0 Sunday … 6 Saturday) in a time zone. */
export function localParts(at: Date, tz: string): Local {
  let f = formats.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
      weekday: 'short',
    })
    formats.set(tz, f)
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]))
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    hour: Number(p.hour) % 24,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!),
  }
}

/** The period a local date falls in: its day, the Monday of its week, or its month. */
export function periodKey(l: Local, frequency: DueSubscription['frequency']): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  if (frequency === 'monthly') return `${l.y}-${pad(l.m)}`
  if (frequency === 'daily') return `${l.y}-${pad(l.m)}-${pad(l.d)}`
  const monday = new Date(Date.UTC(l.y, l.m - 1, l.d) - ((l.weekday + 6) % 7) * 86_400_000)
  return `W${monday.toISOString().slice(0, 10)}`
}

/**
 * Whether a subscription's summary is due at `now`: on its day (every day, Mondays, the 1st of the month)
 * from its hour on (workspace time), when nothing was sent in the current period yet — so an hourly run
 * that was missed catches up later that day, and a second run sends nothing.
 * @example dueNow({ enabled: true, frequency: 'weekly', hour: 8, lastSentAt: null }, new Date('2026-12-07T00:00:00Z')) // Monday 08:00 in Shanghai → true
 */
export function dueNow(sub: DueSubscription, now: Date, tz = WORKSPACE_TZ): boolean {
  if (!sub.enabled) return false
  const l = localParts(now, tz)
  if (sub.frequency === 'weekly' && l.weekday !== 1) return false
  if (sub.frequency === 'monthly' && l.d !== 1) return false
  if (l.hour < sub.hour) return false
  if (!sub.lastSentAt) return true
  const last = localParts(new Date(sub.lastSentAt), tz)
  return periodKey(last, sub.frequency) !== periodKey(l, sub.frequency)
}
