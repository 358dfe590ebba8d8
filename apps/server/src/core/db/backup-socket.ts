import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { AppError } from '../errors'
import { tarWithout } from './backup-archive'

/** The data folder's key file (core/crypto/secret-box.ts): kept out of backups on purpose. */
export const KEY_FILE = 'secret.key'

/**
 * Where the process holding an embedded data folder answers backup requests: a Unix socket beside the
 * folder (`<data>.sock`, next to `<data>.lock`), readable by the folder's owner only; a named pipe on
 * Windows. null when the path is too long for a socket (about 100 bytes).
 */
export function backupSocketOf(dataDir: string): string | null {
  if (process.platform === 'win32')
    return `\\\\.\\pipe\\openkam-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`
  const p = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.sock`)
  return Buffer.byteLength(p) <= 100 ? p : null
}

/**
 * Serves `GET /backup` on the data folder's socket while this process holds the folder: the answer is
 * `dump()` — a consistent copy of the data folder as a tar — without the key file, gzipped. Only called
 * by the lock's holder, so a socket file left by a killed process is replaced. Returns the way to stop.
 */
export async function serveBackups(
  dataDir: string,
  dump: () => Promise<Blob>,
): Promise<(() => Promise<void>) | null> {
  const socket = backupSocketOf(dataDir)
  if (!socket) return null
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/backup') {
      res.writeHead(404).end()
      return
    }
    dump()
      .then(async (blob) => {
        const tar = tarWithout(new Uint8Array(await blob.arrayBuffer()), [KEY_FILE])
        res.writeHead(200, { 'content-type': 'application/gzip', 'x-openkam-pid': String(process.pid) })
        await pipeline(Readable.from([tar]), createGzip(), res)
      })
      .catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message)
        else res.destroy(err)
      })
  })
  if (process.platform !== 'win32') fs.rmSync(socket, { force: true })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socket, () => resolve())
  })
  // The socket grants a copy of the whole database: only the folder's owner (and root) may connect.
  if (process.platform !== 'win32') fs.chmodSync(socket, 0o600)
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
}

/**
 * Asks the process holding `dataDir` for a backup and writes it to `file`. Resolves with that process's
 * id, or null when no process answers on the folder's socket (none holds it, or one that does not serve).
 */
export async function requestBackup(dataDir: string, file: string): Promise<number | null> {
  const socket = backupSocketOf(dataDir)
  if (!socket) return null
  const res = await new Promise<http.IncomingMessage | null>((resolve, reject) => {
    const req = http.get({ socketPath: socket, path: '/backup' }, resolve)
    req.on('error', (err: NodeJS.ErrnoException) =>
      ['ENOENT', 'ECONNREFUSED'].includes(err.code ?? '') ? resolve(null) : reject(err),
    )
  })
  if (!res) return null
  if (res.statusCode !== 200) {
    let body = ''
    for await (const chunk of res) body += chunk
    throw new AppError(
      'internal',
      'backup_failed',
      `The server holding ${dataDir} could not make the backup: ${body || res.statusCode}`,
    )
  }
  await pipeline(res, fs.createWriteStream(file, { mode: 0o600 }))
  return Number(res.headers['x-openkam-pid'])
}
