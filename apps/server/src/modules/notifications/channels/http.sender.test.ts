import { describe, expect, it } from 'vitest'
import { judgeResponse } from './http.sender'

describe('judgeResponse', () => {
  it.each([
    ['webhook', 200, '', true],
    ['webhook', 204, '', true],
    ['webhook', 500, 'boom', false],
    ['webhook', 302, '', false],
    ['wecom', 200, '{"errcode":0,"errmsg":"ok"}', true],
    ['wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', false],
    ['dingtalk', 200, '{"errcode":0,"errmsg":"ok"}', true],
    ['dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}', false],
    ['dingtalk', 200, 'not json', false],
    ['feishu', 200, '{"code":0,"msg":"success"}', true],
    ['feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}', true],
    ['feishu', 200, '{"code":19021,"msg":"sign match fail"}', false],
  ])('judges %s answering %d %s as ok=%s', (kind, status, text, ok) => {
    expect(judgeResponse(kind, status, text).ok).toBe(ok)
  })

  it('says what the robot answered', () => {
    expect(judgeResponse('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}').error).toBe(
      'DingTalk answered errcode 310000: sign not match',
    )
    expect(judgeResponse('webhook', 500, 'boom').error).toBe('HTTP 500: boom')
  })
})
