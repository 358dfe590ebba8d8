import { OutboundRefused, outboundRequest, type OutboundAnswer } from '../../../core/http/outbound'
import { dingtalkSignedUrl, feishuSign, webhookSignature } from './signing'

export type Endpoint = { kind: string; url: string; secret: string | null }
export type SendResult = {
  ok: boolean
  /** The receiver's HTTP status, when it answered. */
  status?: number
  error?: string
  /** HTTP status and a short snippet of the answer, kept on the delivery row. */
  response?: string
  /** A robot's refusal code (`errcode`, Feishu's `code`), when it gave one. */
  code?: number
}

const kindName: Record<string, string> = { wecom: 'WeCom', dingtalk: 'DingTalk', feishu: 'Feishu' }
const snippet = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s)

const numeric = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? { code: v } : {})

/**
 * Whether a receiver's answer means the message arrived: 2xx for plain webhooks; for robots also
 * their JSON status (`errcode: 0` for WeCom and DingTalk, `code: 0` or `StatusCode: 0` for Feishu).
 */
export function judgeResponse(
  kind: string,
  status: number,
  text: string,
): { ok: boolean; error?: string; code?: number } {
  if (status < 200 || status > 299)
    return { ok: false, error: `HTTP ${status}${text ? `: ${snippet(text, 200)}` : ''}` }
  if (kind === 'webhook') return { ok: true }
  let json: Record<string, unknown> | null = null
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = null
  }
  const name = kindName[kind] ?? kind
  if (!json || typeof json !== 'object')
    return { ok: false, error: `${name} did not answer with JSON: ${snippet(text, 200)}` }
  if (kind === 'feishu') {
    if (json.code === 0 || json.StatusCode === 0) return { ok: true }
    return {
      ok: false,
      ...numeric(json.code ?? json.StatusCode),
      error: `Feishu answered code ${String(json.code ?? json.StatusCode)}: ${String(json.msg ?? json.StatusMessage ?? '')}`,
    }
  }
  if (json.errcode === 0) return { ok: true }
  return {
    ok: false,
    ...numeric(json.errcode),
    error: `${name} answered errcode ${String(json.errcode)}: ${String(json.errmsg ?? '')}`,
  }
}

/** Why a request got no answer, in words an administrator can act on. */
export function networkError(err: unknown, url: string, timeoutMs: number): string {
  if (err instanceof OutboundRefused) return `Refused to call ${hostOf(url)}: ${err.message}`
  const e = err as {
    name?: string
    message?: string
    code?: string
    cause?: { code?: string; message?: string }
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `No answer from ${hostOf(url)} within ${timeoutMs} ms`
  const why = e?.code ?? e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err)
  return `Could not reach ${hostOf(url)}: ${why}`
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * POSTs a JSON message to a robot or webhook, signing it as the kind wants: DingTalk in the URL,
 * Feishu in the body, plain webhooks in `X-OpenKAM-*` headers (timestamp, signature, delivery, event).
 */
export async function postToEndpoint(
  endpoint: Endpoint,
  body: Record<string, unknown>,
  opts: { timeoutMs: number; deliveryId?: string; eventType?: string; now?: Date },
): Promise<SendResult> {
  const now = opts.now ?? new Date()
  let url = endpoint.url
  let payload = body
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'OpenKAM',
  }
  if (endpoint.kind === 'dingtalk' && endpoint.secret)
    url = dingtalkSignedUrl(url, endpoint.secret, now.getTime())
  if (endpoint.kind === 'feishu' && endpoint.secret) {
    const ts = Math.floor(now.getTime() / 1000)
    payload = { timestamp: String(ts), sign: feishuSign(endpoint.secret, ts), ...body }
  }
  const raw = JSON.stringify(payload)
  if (endpoint.kind === 'webhook') {
    const ts = Math.floor(now.getTime() / 1000)
    headers['x-openkam-timestamp'] = String(ts)
    if (endpoint.secret) headers['x-openkam-signature'] = webhookSignature(endpoint.secret, ts, raw)
    if (opts.deliveryId) headers['x-openkam-delivery'] = opts.deliveryId
    headers['x-openkam-event'] = opts.eventType ?? 'notification'
  }
  let res: OutboundAnswer
  try {
    res = await outboundRequest(url, { method: 'POST', headers, body: raw, timeoutMs: opts.timeoutMs })
  } catch (err) {
    return { ok: false, error: networkError(err, endpoint.url, opts.timeoutMs) }
  }
  const verdict = judgeResponse(endpoint.kind, res.status, res.text)
  return { ...verdict, status: res.status, response: snippet(`HTTP ${res.status} ${res.text}`.trim(), 500) }
}
