import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config'
import type { EventSink } from '../events/bus'
import { createHttpServer, type App } from './server'

// The built web app as the server sends it: a hashed asset with its brotli and gzip copies (written by
// apps/web/scripts/build.js), and index.html.
let dir: string
let app: App
const script = 'export const answer = 42;\n'.repeat(200)
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-web-'))
  fs.mkdirSync(path.join(dir, 'assets'))
  const html = '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>'
  fs.writeFileSync(path.join(dir, 'index.html'), html)
  const asset = path.join(dir, 'assets', 'index-AbC123.js')
  fs.writeFileSync(asset, script)
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script))
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script))
  app = await createHttpServer({
    config: loadConfig({ OPENKAM_DATA_DIR: 'memory://' }),
    events: {} as EventSink,
    resolvePrincipal: async () => null,
    isReady: async () => true,
    version: 'test',
    logger: false,
    webDir: dir,
  })
  await app.ready()
})
afterAll(async () => {
  await app?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const get = (url: string, encoding?: string) =>
  app.inject({
    url,
    headers: { accept: 'text/html,*/*', ...(encoding === undefined ? {} : { 'accept-encoding': encoding }) },
  })

describe('the web app as served', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const r = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd')
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-encoding']).toBe('br')
    expect(r.headers['content-type']).toMatch(/javascript/)
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(r.headers.vary).toMatch(/accept-encoding/i)
    expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toBe(script)
  })

  it('sends the gzip copy when brotli is not accepted, and the file itself when neither is', async () => {
    const gz = await get('/assets/index-AbC123.js', 'gzip, deflate')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.vary).toMatch(/accept-encoding/i)
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script)
    const plain = await get('/assets/index-AbC123.js', 'identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(plain.body).toBe(script)
  })

  it('has index.html checked again on every load, at / and at a page of the app', async () => {
    for (const url of ['/', '/accounts/acc_1']) {
      const r = await get(url, 'gzip')
      expect(r.statusCode, url).toBe(200)
      expect(r.headers['cache-control'], url).toBe('no-cache')
      expect(r.body, url).toContain('/assets/index-AbC123.js')
    }
  })

  it('answers a missing asset with 404, not with index.html', async () => {
    const r = await get('/assets/gone-XyZ.js', 'br')
    expect(r.statusCode).toBe(404)
    expect(String(r.headers['cache-control'] ?? '')).not.toMatch(/immutable/)
  })
})
