import { describe, expect, it } from 'vitest'
import { translateMessage } from '../../core/http/translate-message'

describe('messages of webhooks, object trash and layouts in Chinese', () => {
  it.each([
    ['there is no role "auditor"', '没有角色 "auditor"'],
    ['Your role may not delete objects (administrators may)', '你的角色不能删除对象（管理员可以）'],
    ['Only administrators may design form layouts', '只有管理员可以设计表单布局'],
  ])('translates %s', (en, zh) => expect(translateMessage(en, 'zh-CN')).toBe(zh))
})

describe('messages of the SMS channel in Chinese', () => {
  it.each([
    [
      'SMS is not set up for this workspace — add the provider in Settings → Channels',
      '此工作区尚未设置短信 — 请在 设置 → 渠道 中添加短信服务商',
    ],
    [
      'Aliyun SMS refused the message (isv.BUSINESS_LIMIT_CONTROL): 触发号码天级流控Permits:10',
      '阿里云短信拒绝了此短信（isv.BUSINESS_LIMIT_CONTROL）：触发号码天级流控Permits:10',
    ],
    [
      'Tencent Cloud SMS refused the message to +8613800138000 (FailedOperation.TemplateIncorrectOrUnapproved): template is not approved',
      '腾讯云短信拒绝了发往 +8613800138000 的短信（FailedOperation.TemplateIncorrectOrUnapproved）：template is not approved',
    ],
    ['Only administrators may send test texts', '只有管理员可以发送测试短信'],
  ])('translates %s', (en, zh) => expect(translateMessage(en, 'zh-CN')).toBe(zh))
})
