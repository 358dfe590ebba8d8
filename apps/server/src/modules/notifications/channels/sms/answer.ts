export const snippet = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s)

/** The answer's body as JSON, or null when it is not JSON. */
export function parseJson(text: string): Record<string, any> | null {
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' ? (v as Record<string, any>) : null
  } catch {
    return null
  }
}
