// The fuzzing loop: for each operation of the document, a seeded sample of cases sent to the server, each
// answer judged (no 5xx, documented status / content type / schema, invalid input never 2xx, a refused
// write leaves no trace). A failure prints the request so it can be sent again by hand.
import fc from 'fast-check'
import { ContractCheck } from './contract-check'
import { resolverFor } from './json-schema-arbitrary'
import { toJson } from './hostile'
import { casesOf, operationsOf, type Case, type OpenApi, type Operation } from './operations'

export type Answer = { status: number; contentType: string; body: string }

/** The server under test, as the fuzzer sees it. */
export type Target = {
  send(req: {
    method: string
    url: string
    body?: string
    signedIn: boolean
    requestId: string
  }): Promise<Answer>
  /** Where the audit log and the outbox end now. */
  mark(): Promise<unknown>
  /** How many audit entries and outbox events after `mark` the request with this id wrote. */
  tracesSince(mark: unknown, requestId: string): Promise<number>
  /** Whether the fuzzing user's session still works; if not, signs in again and says so. */
  ensureSignedIn(): Promise<boolean>
}

export type FuzzOptions = {
  seed: number
  runsPerOperation: number
  /** Hostile cases (NUL, surrogates, deep nesting, huge numbers, malformed dates and ids). */
  hostile: boolean
  /** Only operations whose `METHOD /path` contains this. */
  only?: string
  /** Record ids by list path, for path parameters. */
  pool: Record<string, string[]>
  /** Every known record id, for `uuid` fields. */
  ids: string[]
}

export type Failure = {
  operation: string
  check: string
  kind: string
  label: string
  seed: number
  index: number
  request: string
  status: number
  answer: string
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** A stable per-operation seed, so running one operation alone draws the same cases. */
export function operationSeed(seed: number, key: string): number {
  let h = seed | 0
  for (let i = 0; i < key.length; i++) h = (Math.imul(h ^ key.charCodeAt(i), 0x01000193) + 0x9e3779b9) | 0
  return h
}

/** encodeURIComponent, but a lone surrogate is sent as the (invalid) UTF-8 bytes of one instead of throwing. */
function encode(v: string): string {
  return v
    .split(LONE_SURROGATE)
    .map((part, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('')
}
const LONE_SURROGATE = /([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/

export function urlOf(op: Operation, c: Case): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(c.path[name] ?? ''))
  const query = Object.entries(c.query)
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

const short = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} characters)` : s)

export function describeFailure(f: Failure): string {
  return [
    `✗ ${f.operation} — ${f.check}`,
    `  case: ${f.kind} (${f.label}), seed ${f.seed}, case #${f.index}`,
    `  request: ${short(f.request, 600)}`,
    `  answer: ${f.status} ${short(f.answer)}`,
    `  again: npm run fuzz -- --seed ${f.seed} --runs <the same> --only '${f.operation}'`,
  ].join('\n')
}

export async function fuzz(target: Target, doc: OpenApi, opts: FuzzOptions) {
  const resolve = resolverFor(doc)
  const check = new ContractCheck(doc)
  const idArb = opts.ids.length ? fc.constantFrom(...opts.ids) : fc.uuid()
  const ids = () => idArb
  const pool = (path: string) => opts.pool[path] ?? []
  // Deletions last, so the other operations find the records they act on.
  const ops = operationsOf(doc)
    .filter((o) => o.path.startsWith('/api/'))
    .filter((o) => !opts.only || o.key.includes(opts.only))
    .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))
  const failures: Failure[] = []
  const stats = {
    operations: ops.length,
    requests: 0,
    valid: 0,
    invalid: 0,
    hostile: 0,
    status: {} as Record<string, number>,
  }
  const sessionEnders = new Set<string>()

  for (const op of ops) {
    const seed = operationSeed(opts.seed, op.key)
    const cases = fc.sample(casesOf(op, resolve, ids, pool, { hostile: opts.hostile }), {
      seed,
      numRuns: opts.runsPerOperation,
    })
    for (const [index, c] of cases.entries()) {
      const violation = check.requestViolation(op, c)
      const kind = violation ? 'invalid' : c.kind === 'hostile' ? 'hostile' : 'valid'
      stats[kind]++
      const url = urlOf(op, c)
      const body = c.body === undefined ? undefined : toJson(c.body)
      const write = WRITES.has(op.method)
      const before = write ? await target.mark() : null
      const requestId = `fuzz-${seed}-${index}-${stats.requests}`
      const answer = await target.send({ method: op.method, url, body, signedIn: !op.public, requestId })
      stats.requests++
      stats.status[answer.status] = (stats.status[answer.status] ?? 0) + 1
      const fail = (what: string) =>
        failures.push({
          operation: op.key,
          check: what,
          kind,
          label: violation ? `${c.label}; breaks: ${violation}` : c.label,
          seed: opts.seed,
          index,
          request: `${op.method} ${url}${body === undefined ? '' : ` ${body}`}`,
          status: answer.status,
          answer: answer.body,
        })
      if (answer.status >= 500) fail(`server error ${answer.status}`)
      else {
        const wrong = check.responseViolation(op, answer.status, answer.contentType, answer.body)
        if (wrong) fail(wrong)
        if (violation && answer.status < 300) fail(`invalid input answered ${answer.status}`)
      }
      if (write && answer.status >= 400 && (await target.tracesSince(before, requestId)) > 0)
        fail('a refused write left audit entries or outbox events behind')
      if (answer.status === 401 && !op.public && !(await target.ensureSignedIn())) sessionEnders.add(op.key)
    }
  }
  return { failures, stats, sessionEnders: [...sessionEnders] }
}
