/** The languages notification texts come in; a person's locale picks one, the workspace's is the fallback. */
export type Lang = 'zh-CN' | 'en'

export const langOf = (...locales: (string | null | undefined)[]): Lang => {
  const l = locales.find((x) => !!x)
  return l && l.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

const texts = {
  open: { en: 'Open in OpenKAM', 'zh-CN': '在 OpenKAM 中查看' },
  openLine: { en: 'Open in OpenKAM: {url}', 'zh-CN': '在 OpenKAM 中查看：{url}' },
  reminder: { en: 'Reminder: {title}', 'zh-CN': '提醒：{title}' },
  reminderBody: { en: 'Due {due}', 'zh-CN': '截止 {due}' },
  digestSubject: { en: 'Your OpenKAM digest for {day}', 'zh-CN': 'OpenKAM 每日摘要（{day}）' },
  digestHello: { en: 'Hello {name},', 'zh-CN': '{name}，您好：' },
  digestUnread: {
    en: 'Unread notifications in the last 24 hours ({n}):',
    'zh-CN': '过去 24 小时的未读通知（{n} 条）：',
  },
  digestOverdue: { en: 'Overdue tasks ({n}):', 'zh-CN': '已逾期的任务（{n} 项）：' },
  digestDueSoon: {
    en: 'Tasks due in the next 24 hours ({n}):',
    'zh-CN': '未来 24 小时到期的任务（{n} 项）：',
  },
  digestOpen: { en: 'Other open tasks: {n}', 'zh-CN': '其他未完成任务：{n} 项' },
  digestDue: { en: 'due {due}', 'zh-CN': '截止 {due}' },
  digestFooter: {
    en: 'You get this e-mail because the daily digest is on in your notification preferences.',
    'zh-CN': '您收到此邮件，是因为您在通知偏好中开启了每日摘要。',
  },
  testSubject: { en: 'OpenKAM test message', 'zh-CN': 'OpenKAM 测试消息' },
  testBody: {
    en: 'This is a test message from OpenKAM. If you can read it, the channel works.',
    'zh-CN': '这是一条来自 OpenKAM 的测试消息。能看到它，说明此渠道配置正确。',
  },
  testSmsSubject: { en: 'Test message', 'zh-CN': '测试短信' },
} as const

export type TextKey = keyof typeof texts

/**
 * A text in a language with `{name}` placeholders filled.
 * @example t('en', 'reminder', { title: 'Call Li Lei' }) // 'Reminder: Call Li Lei'
 */
export function t(lang: Lang, key: TextKey, vars: Record<string, string | number> = {}): string {
  return texts[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
}

/** A time as people in China read it (the workspace time zone), e.g. 2025-03-01 09:30. */
export function localTime(d: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

/** The calendar day (YYYY-MM-DD) and hour (0–23) of a moment in a time zone. */
export function dayAndHour(d: Date, timeZone = 'Asia/Shanghai'): { day: string; hour: number } {
  const s = localTime(d, timeZone)
  return { day: s.slice(0, 10), hour: Number(s.slice(11, 13)) }
}
