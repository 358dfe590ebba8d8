import { describe, expect, it } from 'vitest'
import { automaticMail, newText, ticketNumberIn } from './inbound-mail'

describe('ticketNumberIn', () => {
  it.each([
    ['Re: [TK-10042] Re: Printer down', 'TK-10042'],
    ['您的请求已受理（TK-10007）：打印机', 'TK-10007'],
    ['about tk-10042 again', 'TK-10042'],
    ['Request TK-10042 received', 'TK-10042'],
    ['ATK-10042 is not ours', null],
    ['TK-100 is too short', null],
    ['TK-100420x', null],
    ['No number here', null],
  ])('reads %j as %s', (subject, number) => expect(ticketNumberIn(subject)).toBe(number))
})

describe('automaticMail', () => {
  const h = (headers: Record<string, unknown>) => (name: string) => headers[name]
  it.each([
    [{}, 'ann@customer.test', null],
    [{ 'auto-submitted': 'no' }, 'ann@customer.test', null],
    [{ 'auto-submitted': 'auto-replied' }, 'ann@customer.test', 'auto_reply'],
    [{ 'auto-submitted': 'auto-generated' }, 'ann@customer.test', 'auto_reply'],
    [{ 'x-autoreply': 'yes' }, 'ann@customer.test', 'auto_reply'],
    [{ precedence: 'Bulk' }, 'ann@customer.test', 'auto_reply'],
    [{ precedence: 'first-class' }, 'ann@customer.test', null],
    [{}, 'MAILER-DAEMON@mx.customer.test', 'bounce'],
    [{}, 'postmaster@customer.test', 'bounce'],
    [{ 'content-type': { value: 'multipart/report', params: {} } }, 'ann@customer.test', 'bounce'],
    [{ 'return-path': { value: [{ address: '', name: '' }], text: '' } }, 'ann@customer.test', 'bounce'],
    [{ 'return-path': { value: [{ address: 'ann@customer.test', name: '' }] } }, 'ann@customer.test', null],
  ])('takes %j from %s as %s', (headers, from, verdict) =>
    expect(automaticMail(h(headers), from)).toBe(verdict),
  )
})

describe('newText', () => {
  it.each([
    ['Still broken.\n\nOn Mon, 1 Dec 2026 at 09:00, Ann <a@x.test> wrote:\n> Fixed?', 'Still broken.'],
    ['还是不行。\n\n在 2026年12月1日 周一 09:00，支持团队 写道：\n> 已修复？', '还是不行。'],
    ['See below\r\n-----Original Message-----\r\nFrom: Support', 'See below'],
    ['好的\n\n------------------ 原始邮件 ------------------\n发件人: 支持', '好的'],
    ['Thanks\n\nFrom: Support <s@x.test>\nSent: Monday', 'Thanks'],
    ['Line one\n> quoted\nLine two', 'Line one\nLine two'],
    ['> only a quote', '> only a quote'],
    ['Plain text, nothing quoted.', 'Plain text, nothing quoted.'],
  ])('keeps the new part of %j', (body, kept) => expect(newText(body)).toBe(kept))
})
