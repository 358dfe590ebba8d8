import dns, { type LookupAddress, type LookupOptions } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'

/**
 * The one way the server reaches other machines (webhooks, robots, SMS providers, finance systems, SMTP).
 * Addresses inside the machine or its private network — loopback, link-local and cloud metadata
 * (169.254.169.254), private (RFC 1918, fc00::/7), carrier-grade NAT (100.64/10, also Alibaba Cloud's
 * metadata 100.100.100.200), unspecified, multicast and reserved — are refused, both when a name is
 * resolved and again when the socket connects (a custom `lookup`), so a name that changes its answer
 * between the check and the connection (DNS rebinding) cannot slip through. The operator lets ranges
 * through with OPENKAM_OUTBOUND_ALLOW (comma-separated CIDR, e.g. `10.0.0.0/8,127.0.0.1/32`).
 */

const BLOCKED: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
]

const blocked = BLOCKED.map(([addr, prefix, type, kind]) => {
  const list = new net.BlockList()
  list.addSubnet(addr, prefix, type)
  return { list, kind }
})

/** An outbound request refused because of where it would go (not a network failure). */
export class OutboundRefused extends Error {
  readonly code = 'outbound_refused'
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(
      `${host === address ? address : `${host} (${address})`} is a ${kind} address; the server does not send requests there unless OPENKAM_OUTBOUND_ALLOW allows it`,
    )
    this.name = 'OutboundRefused'
  }
}

/**
 * Parses an allow-list setting (comma-separated CIDR or single addresses); a bad entry throws naming it.
 * @example parseAllowList('127.0.0.1/32, 10.0.0.0/8')
 */
export function parseAllowList(setting: string | undefined): net.BlockList {
  const list = new net.BlockList()
  for (const raw of (setting ?? '').split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const [addr, bits] = entry.split('/')
    const family = net.isIP(addr ?? '')
    const max = family === 4 ? 32 : 128
    const prefix = bits === undefined ? max : Number(bits)
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max)
      throw new Error(`"${entry}" is not an address range (write it as CIDR, e.g. 10.0.0.0/8)`)
    list.addSubnet(addr!, prefix, family === 4 ? 'ipv4' : 'ipv6')
  }
  return list
}

let cached: { setting: string | undefined; list: net.BlockList } | null = null
const envAllowList = () => {
  const setting = process.env.OPENKAM_OUTBOUND_ALLOW
  if (!cached || cached.setting !== setting) cached = { setting, list: parseAllowList(setting) }
  return cached.list
}

export type OutboundPolicy = { allow?: net.BlockList }

/** Why an address may not be reached (its kind), or null when it may. */
export function refusedKind(address: string, policy: OutboundPolicy = {}): string | null {
  const family = net.isIP(address)
  if (!family) return 'malformed'
  const type = family === 4 ? 'ipv4' : 'ipv6'
  const allow = policy.allow ?? envAllowList()
  if (allow.check(address, type)) return null
  return blocked.find((b) => b.list.check(address, type))?.kind ?? null
}

/** Throws OutboundRefused when the address may not be reached. */
export function assertReachable(host: string, address: string, policy: OutboundPolicy = {}) {
  const kind = refusedKind(address, policy)
  if (kind) throw new OutboundRefused(host, address, kind)
}

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '')

/**
 * A `lookup` for sockets that resolves like dns.lookup and refuses forbidden answers — used at connect
 * time, so the address checked is the address connected to.
 */
export function guardedLookup(policy: OutboundPolicy = {}) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '', undefined)
      try {
        for (const a of addresses) assertReachable(hostname, a.address, policy)
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, options.all ? [] : '', undefined)
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]!
      callback(null, first.address, first.family)
    })
  }
}

/**
 * Resolves a host name (or takes an address as it is) and checks every address it stands for; a name
 * that does not resolve is left to the time of sending (it may resolve then, and is checked then).
 * @example await checkOutboundHost('hooks.example.com') // throws OutboundRefused for 127.0.0.1
 */
export async function checkOutboundHost(hostname: string, policy: OutboundPolicy = {}): Promise<void> {
  const host = bareHost(hostname)
  if (net.isIP(host)) return assertReachable(host, host, policy)
  let addresses: LookupAddress[]
  try {
    addresses = await dns.promises.lookup(host, { all: true })
  } catch {
    return
  }
  for (const a of addresses) assertReachable(host, a.address, policy)
}

/**
 * Why the server may not send to this URL or host (for a 400 on the field that names it), or null — also
 * null for a malformed value (the schema reports that) or a name that does not resolve now.
 * @example errors.push(...((await outboundRefusal(c.url)) ? [{ path: 'url', message }] : []))
 */
export async function outboundRefusal(urlOrHost: unknown): Promise<string | null> {
  if (typeof urlOrHost !== 'string' || !urlOrHost) return null
  let host = urlOrHost
  if (urlOrHost.includes('://')) {
    try {
      host = new URL(urlOrHost).hostname
    } catch {
      return null
    }
  }
  try {
    await checkOutboundHost(host)
    return null
  } catch (err) {
    if (err instanceof OutboundRefused)
      return `must be an address on the internet: ${err.address} is a ${err.kind} address (OPENKAM_OUTBOUND_ALLOW lets an administrator of the server allow it)`
    throw err
  }
}

/**
 * The address to connect to for a host (resolved once and checked), for clients that cannot take a
 * `lookup` (SMTP): connecting to the checked address leaves no second resolution to rebind.
 * @example const address = await resolveOutbound('smtp.example.com')
 */
export async function resolveOutbound(hostname: string, policy: OutboundPolicy = {}): Promise<string> {
  const host = bareHost(hostname)
  if (net.isIP(host)) {
    assertReachable(host, host, policy)
    return host
  }
  const addresses = await dns.promises.lookup(host, { all: true })
  for (const a of addresses) assertReachable(host, a.address, policy)
  return addresses[0]!.address
}

/** An answer, read in full (up to a size limit). */
export type OutboundAnswer = { status: number; ok: boolean; headers: Headers; text: string }

export type OutboundRequest = {
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  /** Larger answers are cut here (bytes); default 1 MiB. */
  maxBytes?: number
} & OutboundPolicy

/** A time limit was reached (name `TimeoutError`, as with fetch). */
export class OutboundTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
    this.name = 'TimeoutError'
  }
}

/**
 * Sends one HTTP(S) request through the guard: never follows redirects (a 3xx is returned as it is),
 * rejects with OutboundRefused for a forbidden address, OutboundTimeout after `timeoutMs`, or the
 * socket's error (with its `code`).
 * @example const a = await outboundRequest('https://hooks.example.com/x', { method: 'POST', body, timeoutMs: 5000 })
 */
export function outboundRequest(url: string, req: OutboundRequest): Promise<OutboundAnswer> {
  return new Promise<OutboundAnswer>((resolve, reject) => {
    let target: URL
    try {
      target = new URL(url)
    } catch {
      return reject(new Error(`"${url}" is not a URL`))
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      return reject(new Error(`Only http and https addresses can be called (not ${target.protocol})`))
    const host = bareHost(target.hostname)
    // An address in the URL skips lookup, so it is checked here.
    if (net.isIP(host)) {
      try {
        assertReachable(host, host, req)
      } catch (err) {
        return reject(err as Error)
      }
    }
    const client = target.protocol === 'https:' ? https : http
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8')
    const limit = req.maxBytes ?? 1024 * 1024
    let settled = false
    const done = (err: Error | null, answer?: OutboundAnswer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (err) reject(err)
      else resolve(answer!)
    }
    const request = client.request(
      target,
      {
        method: req.method,
        headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        lookup: guardedLookup(req) as unknown as net.LookupFunction,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size >= limit) return
          chunks.push(chunk)
          size += chunk.length
        })
        res.on('error', (err) => done(err))
        res.on('end', () => {
          const headers = new Headers()
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
          const status = res.statusCode ?? 0
          const text = Buffer.concat(chunks).subarray(0, limit).toString('utf8')
          done(null, { status, ok: status >= 200 && status <= 299, headers, text })
        })
      },
    )
    const timer = setTimeout(() => {
      done(new OutboundTimeout(req.timeoutMs))
      request.destroy()
    }, req.timeoutMs)
    request.on('error', (err) => done(err))
    request.end(body)
  })
}
