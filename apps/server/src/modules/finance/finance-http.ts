import { OutboundRefused, outboundRequest, type OutboundAnswer } from '../../core/http/outbound'
import { FinanceError } from './connector'

export type HttpAnswer = { status: number; body: unknown; text: string; headers: Headers }

/**
 * One HTTP call to the finance system with a time limit. A network failure or timeout is a
 * `transport` FinanceError; any answer (also 4xx/5xx) is returned for the adapter to read.
 */
export async function httpCall(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<HttpAnswer> {
  let res: OutboundAnswer
  try {
    res = await outboundRequest(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      timeoutMs,
      maxBytes: 16 * 1024 * 1024,
    })
  } catch (err) {
    if (err instanceof OutboundRefused)
      throw new FinanceError(`The finance system may not be called: ${err.message}`, 'transport')
    const e = err as Error & { code?: string; cause?: { code?: string } }
    const why =
      e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.code ?? e.cause?.code ?? e.message)
    throw new FinanceError(`The finance system could not be reached (${why})`, 'transport')
  }
  const text = res.text
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // Not JSON (an HTML error page): kept as text, shortened.
    body = text.slice(0, 2000)
  }
  return { status: res.status, body, text, headers: res.headers }
}
