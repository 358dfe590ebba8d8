import { createHmac } from 'node:crypto'

/**
 * DingTalk "加签": base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)),
 * with the timestamp in milliseconds. The caller URL-encodes it into the query string.
 * @example dingtalkSign('SEC…', 1700000000000)
 */
export const dingtalkSign = (secret: string, timestampMs: number): string =>
  createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64')

/** The robot URL with `&timestamp=<ms>&sign=<urlencoded signature>` appended. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sep = url.includes('?') ? '&' : '?'
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`
}

/**
 * Feishu "签名校验": base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")),
 * with the timestamp in seconds; both go into the JSON body.
 */
export const feishuSign = (secret: string, timestampSec: number): string =>
  createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64')

/**
 * The `X-OpenKAM-Signature` of a plain webhook: `sha256=` + hex HMAC-SHA256 over
 * `<X-OpenKAM-Timestamp>.<raw body>` with the endpoint's secret.
 */
export const webhookSignature = (secret: string, timestampSec: number, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestampSec}.${rawBody}`).digest('hex')}`
