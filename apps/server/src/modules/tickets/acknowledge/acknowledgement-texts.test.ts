import { describe, expect, it } from 'vitest'
import { acknowledgementMail, shorten } from './acknowledgement-texts'
import { acknowledgementStatus } from './acknowledgement.service'

describe('acknowledgement texts', () => {
  it.each([
    ['Short subject', 'Short subject'],
    ['Invoices cannot be exported', 'Invoices cannot be…'],
    ['发票无法导出，财务月底结账受阻，请尽快处理这个问题', '发票无法导出，财务月底结账受阻，请尽快…'],
  ])('shortens %j to %j for the text', (subject, short) => expect(shorten(subject)).toBe(short))

  it('writes the e-mail in the workspace language, with the number in the subject', () => {
    const v = { number: 'TK-10042', subject: '无法登录', name: '王芳' }
    expect(acknowledgementMail('zh-CN', v).subject).toBe('您的请求已受理（TK-10042）：无法登录')
    expect(acknowledgementMail('zh-CN', v).body).toContain('受理编号为 TK-10042')
    expect(acknowledgementMail('en', v).subject).toBe('We received your request TK-10042: 无法登录')
  })

  it.each([
    [[], 'skipped'],
    [['sent', 'sent'], 'sent'],
    [['sent', 'retrying'], 'pending'],
    [['sent', 'failed'], 'partly_sent'],
    [['sent', 'skipped'], 'partly_sent'],
    [['failed', 'skipped'], 'failed'],
  ])('sums up deliveries %j as %s', (states, status) => expect(acknowledgementStatus(states)).toBe(status))
})
