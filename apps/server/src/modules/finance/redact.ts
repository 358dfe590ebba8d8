/** Keys whose values never reach the sync log, an answer or a log line. */
const SECRET_KEY = /secret|password|passwd|pwd|signature|sign$|token|session|cookie|appsec|authorization/i

export const REDACTED = '[redacted]'

/**
 * A copy of a request or answer with credentials and signatures replaced: by key name, in query strings
 * of addresses, and wherever one of the known secret values appears.
 * @example redact({ appsecret: 'x', url: '/t?signature=abc' }, ['x']) // { appsecret: '[redacted]', url: '/t?signature=[redacted]' }
 */
export function redact(value: unknown, secrets: readonly string[] = []): unknown {
  const known = secrets.filter((s) => s.length >= 4)
  const text = (s: string) => {
    let out = s.replace(
      /([?&](?:signature|access_token|token|appSecret|appsecret|sign)=)[^&#\s"]*/gi,
      `$1${REDACTED}`,
    )
    for (const k of known) out = out.split(k).join(REDACTED)
    return out
  }
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 12) return REDACTED
    if (typeof v === 'string') return text(v)
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1))
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v))
        out[k] = SECRET_KEY.test(k) && x != null ? REDACTED : walk(x, depth + 1)
      return out
    }
    return v
  }
  return walk(value, 0)
}
