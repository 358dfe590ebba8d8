import { describe, expect, it } from 'vitest'
import { composeDigest, type DigestInput } from './digest'
import { dayAndHour, langOf, t } from './texts'

const base: DigestInput = {
  lang: 'en',
  name: 'Li Lei',
  day: '2025-03-01',
  appUrl: 'https://kam.test',
  unread: [],
  overdue: [],
  dueSoon: [],
  otherOpen: 0,
}

describe('composeDigest', () => {
  it('has nothing to say when nothing is unread and no task is open', () => {
    expect(composeDigest(base)).toBeNull()
  })

  it('lists unread notifications and overdue tasks in English', () => {
    const mail = composeDigest({
      ...base,
      unread: [{ subject: 'Ticket escalated', link: '/tickets/1' }],
      overdue: [{ id: 't1', title: 'Call Acme', dueAt: new Date('2025-02-28T02:00:00Z') }],
      otherOpen: 2,
    })!
    expect(mail.subject).toBe('Your OpenKAM digest for 2025-03-01')
    expect(mail.text).toContain('- Ticket escalated — https://kam.test/tickets/1')
    expect(mail.text).toContain('- Call Acme (due 2025-02-28 10:00) — https://kam.test/tasks/t1')
    expect(mail.text).toContain('Other open tasks: 2')
  })

  it('writes Chinese for zh-CN readers', () => {
    const mail = composeDigest({
      ...base,
      lang: 'zh-CN',
      dueSoon: [{ id: 't2', title: '准备方案', dueAt: null }],
    })!
    expect(mail.subject).toBe('OpenKAM 每日摘要（2025-03-01）')
    expect(mail.text).toContain('未来 24 小时到期的任务（1 项）：')
  })
})

describe('texts', () => {
  it.each([
    [['en'], 'en'],
    [['en-US'], 'en'],
    [[null, 'en'], 'en'],
    [['zh-CN', 'en'], 'zh-CN'],
    [[null, null], 'zh-CN'],
  ] as const)('picks the language of %j', (locales, lang) => {
    expect(langOf(...locales)).toBe(lang)
  })

  it('reads the day and hour in Shanghai time', () => {
    expect(dayAndHour(new Date('2025-03-01T16:30:00Z'))).toEqual({ day: '2025-03-02', hour: 0 })
  })

  it('fills placeholders', () => {
    expect(t('zh-CN', 'reminder', { title: '回访' })).toBe('提醒：回访')
  })
})
