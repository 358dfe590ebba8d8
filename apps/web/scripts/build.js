// Builds the web app with Vite into dist/ (used by `npm run build` and by the openkam launcher), writes a
// brotli and a gzip copy beside every file the server sends (it picks one by Accept-Encoding), then prints
// the gzip size of the JavaScript a first visit loads (entry + preloaded chunks) against the budget.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
export const INITIAL_JS_BUDGET_KB = 300

const gzipBytes = (file) => zlib.gzipSync(fs.readFileSync(file)).length

/**
 * Gzip size in KB of every script the built index.html loads up front, plus the larger of the two
 * languages' start texts (fetched before the first screen renders, see shared/i18n/i18n.ts).
 */
export function initialJsGzipKb(dist = path.join(root, 'dist')) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1])
  const preloaded = files.reduce((n, f) => n + gzipBytes(path.join(dist, f)), 0)
  const languages = fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((f) => /^texts-(en|zh-CN)-start-[\w-]+\.js$/.test(f))
    .map((f) => gzipBytes(path.join(dist, 'assets', f)))
  return { files: files.length + 1, kb: Math.round((preloaded + Math.max(0, ...languages)) / 1024) }
}

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside each compressible file of `dir`
 * (index.html and assets/), once, at build time: the server sends them as they are, no compression per request.
 * A copy that would not be smaller is not written (the server then sends the file itself).
 */
export async function precompress(dir = path.join(root, 'dist')) {
  const files = [path.join(dir, 'index.html')]
  const assets = path.join(dir, 'assets')
  if (fs.existsSync(assets))
    for (const f of fs.readdirSync(assets)) if (COMPRESSIBLE.test(f)) files.push(path.join(assets, f))
  let written = 0
  await Promise.all(
    files.map(async (file) => {
      const raw = await fs.promises.readFile(file)
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gzip(raw, { level: 9 }),
      ])
      for (const [ext, data] of [
        ['.br', br],
        ['.gz', gz],
      ]) {
        if (data.length >= raw.length) continue
        await fs.promises.writeFile(file + ext, data)
        written += 1
      }
    }),
  )
  return written
}

export async function buildWeb({ quiet = false } = {}) {
  const { build } = await import('vite')
  // A test runner sets NODE_ENV=test; the bundle must still be the production one.
  const previous = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root,
      mode: 'production',
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: quiet ? 'warn' : 'info',
    })
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previous
  }
  await precompress()
  const { files, kb } = initialJsGzipKb()
  if (!quiet) console.log(`initial JS: ${kb} KB gzip in ${files} files (budget ${INITIAL_JS_BUDGET_KB} KB)`)
  return { files, kb }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWeb()
}
