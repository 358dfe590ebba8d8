const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const words = {
  en: {
    now: 'just now',
    minute: (n: number) => `${n} ${n === 1 ? 'minute' : 'minutes'}`,
    hour: (n: number) => `${n} ${n === 1 ? 'hour' : 'hours'}`,
    day: (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`,
    month: (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`,
  },
  zh: {
    now: '刚刚',
    minute: (n: number) => `${n} 分钟`,
    hour: (n: number) => `${n} 小时`,
    day: (n: number) => `${n} 天`,
    month: (n: number) => `${n} 个月`,
  },
}

/**
 * How long something has been there, in words of the language: under a minute "just now", then
 * minutes, hours (from 1 h), days (from 24 h) and months (from 60 days). Never a bare "0h".
 * @example formatAge(90 * 60_000, 'en') // '1 hour'; formatAge(3 * 86_400_000, 'zh-CN') // '3 天'
 */
export function formatAge(ms: number, lang: string): string {
  const w = lang.toLowerCase().startsWith('zh') ? words.zh : words.en
  const age = Math.max(0, ms)
  if (age < MINUTE) return w.now
  if (age < HOUR) return w.minute(Math.floor(age / MINUTE))
  if (age < DAY) return w.hour(Math.floor(age / HOUR))
  if (age < 60 * DAY) return w.day(Math.floor(age / DAY))
  return w.month(Math.floor(age / (30 * DAY)))
}
