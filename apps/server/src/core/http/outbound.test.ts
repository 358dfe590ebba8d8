import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  checkOutboundHost,
  outboundRequest,
  OutboundRefused,
  parseAllowList,
  refusedKind,
  resolveOutbound,
} from './outbound'

// Defect 1 of issue 22 (server-side request forgery): a local server stands for the internal service.
let server: http.Server
let port = 0
let hits = 0
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits += 1
    res.end('internal secret answer')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const none = { allow: parseAllowList('') }

describe('which addresses are refused', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['fd00:ec2::254', 'private'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
  ])('%s is %s', (address, kind) => {
    expect(refusedKind(address, none)).toBe(kind)
  })

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1', '100.128.0.1'])(
    '%s is public',
    (address) => expect(refusedKind(address, none)).toBeNull(),
  )

  it('lets through exactly the ranges the operator allows', () => {
    const allow = parseAllowList('10.0.0.0/8, 127.0.0.1')
    expect(refusedKind('10.9.9.9', { allow })).toBeNull()
    expect(refusedKind('127.0.0.1', { allow })).toBeNull()
    expect(refusedKind('127.0.0.2', { allow })).toBe('loopback')
    expect(refusedKind('169.254.169.254', { allow })).toBe('link-local (cloud metadata)')
  })

  it('names a malformed allow-list entry', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow('"10.0.0.0/33" is not an address range')
    expect(() => parseAllowList('intranet')).toThrow('"intranet"')
  })
})

describe('requests', () => {
  it('refuses an address in the URL before connecting — the internal server is never reached', async () => {
    hits = 0
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
    ])
      await expect(
        outboundRequest(url, { method: 'POST', body: '{}', timeoutMs: 2000, ...none }),
      ).rejects.toThrow(OutboundRefused)
    expect(hits).toBe(0)
  })

  it('checks a name’s address when the socket connects (no pre-check to rebind around)', async () => {
    hits = 0
    const err = await outboundRequest(`http://localhost:${port}/hook`, {
      method: 'GET',
      timeoutMs: 2000,
      ...none,
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OutboundRefused)
    expect((err as Error).message).toMatch(/^localhost \((127\.0\.0\.1|::1)\) is a loopback address/)
    expect(hits).toBe(0)
  })

  it('reads OPENKAM_OUTBOUND_ALLOW: absent or not covering the address refuses, covering it reaches', async () => {
    const url = `http://127.0.0.1:${port}/hook`
    vi.stubEnv('OPENKAM_OUTBOUND_ALLOW', '')
    await expect(outboundRequest(url, { method: 'GET', timeoutMs: 2000 })).rejects.toThrow(OutboundRefused)
    vi.stubEnv('OPENKAM_OUTBOUND_ALLOW', '10.0.0.0/8')
    await expect(outboundRequest(url, { method: 'GET', timeoutMs: 2000 })).rejects.toThrow(OutboundRefused)
    vi.stubEnv('OPENKAM_OUTBOUND_ALLOW', '127.0.0.1/32')
    const answer = await outboundRequest(url, { method: 'GET', timeoutMs: 2000 })
    expect(answer).toMatchObject({ status: 200, ok: true, text: 'internal secret answer' })
    vi.unstubAllEnvs()
  })

  it('checks SMTP hosts and webhook hosts by their resolved address', async () => {
    await expect(resolveOutbound('localhost', none)).rejects.toThrow(OutboundRefused)
    await expect(resolveOutbound('10.0.0.5', none)).rejects.toThrow('10.0.0.5 is a private address')
    await expect(checkOutboundHost('[::1]', none)).rejects.toThrow(OutboundRefused)
    await expect(checkOutboundHost('localhost', none)).rejects.toThrow(OutboundRefused)
    // A name that does not resolve now is left to the time of sending (checked again then).
    await expect(checkOutboundHost('no-such-host.invalid', none)).resolves.toBeUndefined()
  })
})
