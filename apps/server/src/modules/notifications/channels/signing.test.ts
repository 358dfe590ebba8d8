import { describe, expect, it } from 'vitest'
import { dingtalkSign, dingtalkSignedUrl, feishuSign, webhookSignature } from './signing'

// Expected values computed independently with Python's hmac (the robots' documented sample code).
describe('signing', () => {
  it('signs DingTalk like its documentation: HMAC-SHA256(secret, ts + "\\n" + secret), base64', () => {
    expect(dingtalkSign('SECabc123', 1700000000000)).toBe('N5P09a4+p1AMJIJWnIvQd2Yxw9+fu/oEBnPrjCcsLXk=')
  })

  it('appends the timestamp and the URL-encoded sign to the DingTalk URL', () => {
    expect(
      dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=x', 'SECabc123', 1700000000000),
    ).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1700000000000&sign=N5P09a4%2Bp1AMJIJWnIvQd2Yxw9%2Bfu%2FoEBnPrjCcsLXk%3D',
    )
    expect(dingtalkSignedUrl('http://h/robot', 's', 1)).toMatch(/^http:\/\/h\/robot\?timestamp=1&sign=/)
  })

  it('signs Feishu with the key ts + "\\n" + secret over an empty message', () => {
    expect(feishuSign('SECabc123', 1700000000)).toBe('UqhI0v4zAkSwI4hNYBuHQvnrAqshA0UaeBGHCUMPX70=')
  })

  it('signs plain webhooks over timestamp + "." + body, hex', () => {
    expect(webhookSignature('whsec', 1700000000, '{"a":1}')).toBe(
      'sha256=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032',
    )
  })
})
