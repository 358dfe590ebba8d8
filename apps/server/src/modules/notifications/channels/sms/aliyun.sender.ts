import { outboundRequest, type OutboundAnswer } from '../../../../core/http/outbound'
import { randomUUID } from 'node:crypto'
import { networkError } from '../http.sender'
import { aliyunSignature, canonicalQuery, percentEncode } from './signing'
import { parseJson, snippet } from './answer'
import type { SmsSender } from './sms.sender'

export const ALIYUN_SMS_URL = 'https://dysmsapi.aliyuncs.com/'

/**
 * Aliyun SMS `SendSms` (dysmsapi 2017-05-25), RPC style: the parameters form-encoded in a POST body,
 * signed with the RPC signature version 1.0 (HMAC-SHA1, see signing.ts). The answer is JSON; `Code: "OK"`
 * means accepted, anything else is the provider's refusal with its own `Message`.
 */
export const aliyunSender: SmsSender = {
  async send(config, message, opts) {
    const now = opts.now ?? new Date()
    const params: Record<string, string> = {
      AccessKeyId: config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      // Mainland numbers as 11 digits; others with their country code and no '+'.
      PhoneNumbers: message.to.mainland ? message.to.e164.slice(3) : message.to.e164.slice(1),
      RegionId: 'cn-hangzhou',
      SignName: config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: opts.nonce ?? randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: config.templateCode,
      TemplateParam: JSON.stringify(message.params),
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    }
    const signature = aliyunSignature('POST', params, config.accessKeySecret ?? '')
    const body = `${canonicalQuery(params)}&Signature=${percentEncode(signature)}`
    const url = config.baseUrl || ALIYUN_SMS_URL
    let res: OutboundAnswer
    try {
      res = await outboundRequest(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        body,
        timeoutMs: opts.timeoutMs,
      })
    } catch (err) {
      return { ok: false, error: networkError(err, url, opts.timeoutMs) }
    }
    const text = res.text
    const response = snippet(`HTTP ${res.status} ${text}`.trim(), 500)
    const json = parseJson(text)
    if (json && json.Code === 'OK' && res.ok) return { ok: true, status: res.status, response }
    const error = json?.Code
      ? `Aliyun SMS refused the message (${String(json.Code)}): ${String(json.Message ?? '')}`
      : `Aliyun SMS answered HTTP ${res.status}${text ? `: ${snippet(text, 200)}` : ''}`
    return { ok: false, status: res.status, error, response }
  },
}
