import { outboundRequest, type OutboundAnswer } from '../../../../core/http/outbound'
import { networkError } from '../http.sender'
import { tc3Sign } from './signing'
import { parseJson, snippet } from './answer'
import type { SmsSender } from './sms.sender'

export const TENCENT_SMS_URL = 'https://sms.tencentcloudapi.com/'
const CONTENT_TYPE = 'application/json; charset=utf-8'

/**
 * Tencent Cloud SMS `SendSms` (API 3.0, version 2021-01-11): a JSON POST signed with TC3-HMAC-SHA256
 * (see signing.ts) in the Authorization header, with X-TC-Action, -Version, -Timestamp and -Region.
 * A refusal comes as `Response.Error` (the whole request) or as a `SendStatusSet` entry whose `Code`
 * is not `Ok` (that number); either is reported with the provider's own message.
 */
export const tencentSender: SmsSender = {
  async send(config, message, opts) {
    const now = opts.now ?? new Date()
    const url = config.baseUrl || TENCENT_SMS_URL
    let host: string
    try {
      host = new URL(url).host
    } catch {
      return { ok: false, error: `The SMS address "${url}" is not a URL` }
    }
    const timestamp = Math.floor(now.getTime() / 1000)
    const payload = JSON.stringify({
      PhoneNumberSet: [message.to.e164],
      SmsSdkAppId: config.sdkAppId ?? '',
      SignName: config.signName,
      TemplateId: config.templateCode,
      TemplateParamSet: Object.values(message.params),
    })
    const { authorization } = tc3Sign({
      secretId: config.accessKeyId,
      secretKey: config.accessKeySecret ?? '',
      service: 'sms',
      host,
      contentType: CONTENT_TYPE,
      timestamp,
      payload,
    })
    let res: OutboundAnswer
    try {
      res = await outboundRequest(url, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': config.region || 'ap-guangzhou',
        },
        body: payload,
        timeoutMs: opts.timeoutMs,
      })
    } catch (err) {
      return { ok: false, error: networkError(err, url, opts.timeoutMs) }
    }
    const text = res.text
    const response = snippet(`HTTP ${res.status} ${text}`.trim(), 500)
    const r = parseJson(text)?.Response as Record<string, any> | undefined
    if (!res.ok || !r)
      return {
        ok: false,
        status: res.status,
        error: `Tencent Cloud SMS answered HTTP ${res.status}${text ? `: ${snippet(text, 200)}` : ''}`,
        response,
      }
    if (r.Error)
      return {
        ok: false,
        status: res.status,
        error: `Tencent Cloud SMS refused the message (${String(r.Error.Code)}): ${String(r.Error.Message ?? '')}`,
        response,
      }
    const refused = ((r.SendStatusSet ?? []) as Array<Record<string, unknown>>).find((s) => s.Code !== 'Ok')
    if (refused)
      return {
        ok: false,
        status: res.status,
        error: `Tencent Cloud SMS refused the message to ${String(refused.PhoneNumber ?? message.to.e164)} (${String(refused.Code)}): ${String(refused.Message ?? '')}`,
        response,
      }
    if (!r.SendStatusSet?.length)
      return {
        ok: false,
        status: res.status,
        error: 'Tencent Cloud SMS answered without a send status',
        response,
      }
    return { ok: true, status: res.status, response }
  },
}
