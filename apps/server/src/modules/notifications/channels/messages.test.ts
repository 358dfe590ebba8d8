import { describe, expect, it } from 'vitest'
import {
  absoluteLink,
  dingtalkMessage,
  emailMessage,
  feishuMessage,
  wecomMessage,
  type Message,
} from './messages'

const m: Message = {
  subject: 'Draft the contract',
  body: 'Acme moved to negotiation',
  link: 'https://kam.test/opportunities/1',
}
const li = { name: 'Li Lei', phone: '13800001111' }

describe('robot messages', () => {
  it('mentions the recipient on WeCom with a text message, and uses markdown when nobody is mentioned', () => {
    expect(wecomMessage(m, 'en', li)).toEqual({
      msgtype: 'text',
      text: {
        content:
          'Draft the contract\n\nAcme moved to negotiation\n\nOpen in OpenKAM: https://kam.test/opportunities/1',
        mentioned_mobile_list: ['13800001111'],
      },
    })
    expect(wecomMessage(m, 'zh-CN', { name: 'Li Lei', phone: null })).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '**Draft the contract**\nAcme moved to negotiation\n[在 OpenKAM 中查看](https://kam.test/opportunities/1)',
      },
    })
  })

  it('sends DingTalk markdown with at.atMobiles and the @phone in the text', () => {
    const msg = dingtalkMessage(m, 'en', li) as any
    expect(msg.msgtype).toBe('markdown')
    expect(msg.markdown.title).toBe('Draft the contract')
    expect(msg.markdown.text).toContain('### Draft the contract')
    expect(msg.markdown.text.endsWith('@13800001111')).toBe(true)
    expect(msg.at).toEqual({ atMobiles: ['13800001111'], isAtAll: false })
    expect((dingtalkMessage(m, 'en', null) as any).at.atMobiles).toEqual([])
  })

  it('sends Feishu text naming the recipient', () => {
    expect(feishuMessage(m, 'en', li)).toEqual({
      msg_type: 'text',
      content: {
        text: '@Li Lei Draft the contract\n\nAcme moved to negotiation\n\nOpen in OpenKAM: https://kam.test/opportunities/1',
      },
    })
  })

  it('writes e-mails in the recipient language', () => {
    expect(emailMessage(m, 'zh-CN', 'li@acme.test').text).toContain('在 OpenKAM 中查看：https://kam.test')
  })

  it.each([
    ['/tasks/1', 'https://kam.test/', 'https://kam.test/tasks/1'],
    ['/tasks/1', null, '/tasks/1'],
    ['https://x.test/a', 'https://kam.test', 'https://x.test/a'],
    [null, 'https://kam.test', null],
  ])('makes %s absolute with app URL %s', (link, appUrl, expected) => {
    expect(absoluteLink(link, appUrl)).toBe(expected)
  })
})
