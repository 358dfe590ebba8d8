// Hostile values: what an attacker or a broken client sends — control characters, lone surrogates, huge
// and odd numbers, malformed dates and ids, deep nesting. Most are valid JSON of the right type, so the
// server must answer them with a 2xx or a 4xx, never a 5xx.
import fc from 'fast-check'

/** Strings that break naive storage, parsing or rendering. */
export const hostileStrings = [
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  '\ud83d',
  '',
  ' ',
  '\u202eevil',
  "'; drop table accounts; --",
  '"><script>alert(1)</script>',
  '=cmd|/c calc!A1',
  '{{7*7}}${7*7}%s%n',
  '../../etc/passwd',
  'null',
  '-1',
  '1e309',
  'NaN',
  '😀'.repeat(100),
  'z'.repeat(70_000),
]

/** Numbers at and beyond the edges of what a column or a JavaScript number holds. */
export const hostileNumbers = [
  -1,
  -0,
  0.1,
  1e-300,
  2 ** 31,
  2 ** 53 + 2,
  Number('12345678901234567'),
  1e21,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
]

/** Dates and months that are not (or barely) dates. */
export const hostileDates = [
  'abc',
  '0000-01',
  '0000-01-01',
  '0020-06-01T00:00:00Z',
  '2024-02-30',
  '2024-13-01',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '2024-01-01T25:61:00Z',
  '1e10',
  '',
]

/** Ids that are not ids, or ids of nothing. */
export const hostileIds = [
  'x',
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01890a5d-ac96-774b-bcce-b302099a8057',
  "1' or '1'='1",
  'a'.repeat(300),
  '%00',
  '..%2f..%2f',
]

/**
 * An array nested `depth` deep. JSON.stringify cannot write one 10,000 deep, so it stays a marker until
 * `toJson` writes the brackets.
 */
export class Deep {
  constructor(readonly depth: number) {}
  /** The same shape, shallow enough to hand to a validator. */
  sample(): unknown {
    let v: unknown = 1
    for (let i = 0; i < Math.min(this.depth, 40); i++) v = [v]
    return v
  }
}
export const nested = (depth: number) => new Deep(depth)

/** JSON text of a value that may hold `Deep` markers (lone surrogates are escaped, as JSON.stringify does). */
export function toJson(v: unknown): string {
  if (v instanceof Deep) return '['.repeat(v.depth) + '1' + ']'.repeat(v.depth)
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : toJson(x))).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`)
      .join(',')}}`
  return JSON.stringify(v) ?? 'null'
}

/** The value with each `Deep` marker replaced by a shallow sample of it. */
export function sampled(v: unknown): unknown {
  if (v instanceof Deep) return v.sample()
  if (Array.isArray(v)) return v.map(sampled)
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sampled(x)]))
  return v
}

/** Whole bodies that are not the object a route expects. */
export const hostileBodies: unknown[] = [null, [], 'text', 0, true, { __proto__: { admin: true } }]

export const hostileValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileDates) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(nested(64), nested(10_000), { a: { b: { c: nested(5_000) } } }) },
)

/** NUL and lone surrogates cannot be stored as text faithfully: the server refuses them (docs/security.md). */
export function hasUnstorableText(v: unknown): boolean {
  if (typeof v === 'string') return unstorable.test(v)
  if (Array.isArray(v)) return v.some(hasUnstorableText)
  if (v && typeof v === 'object' && !(v instanceof Deep))
    return Object.entries(v).some(([k, x]) => unstorable.test(k) || hasUnstorableText(x))
  return false
}
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
