import { gunzipSync } from 'node:zlib'

/** What a backup file holds, told by its first bytes. */
export type BackupKind = 'embedded' | 'pg_dump'

const BLOCK = 512
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8').replace(/\0.*$/s, '')

/**
 * A tar archive (ustar, as PGlite's `dumpDataDir` writes it) without the entries whose path is in `drop`
 * (compared without a leading slash): the data folder's key file stays out of a backup.
 * @example const tar = tarWithout(await dump.bytes(), ['secret.key'])
 */
export function tarWithout(tar: Uint8Array, drop: string[]): Uint8Array {
  const parts: Uint8Array[] = []
  let off = 0
  while (off + BLOCK <= tar.length) {
    const header = tar.subarray(off, off + BLOCK)
    if (header.every((b) => b === 0)) break
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8)
    if (!Number.isFinite(size)) throw new Error(`Not a tar archive: bad size at byte ${off}`)
    const prefix = text(header.subarray(345, 500))
    const name = (
      prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100))
    ).replace(/^\/+/, '')
    const end = off + BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if (!drop.includes(name)) parts.push(tar.subarray(off, end))
    off = end
  }
  parts.push(new Uint8Array(2 * BLOCK))
  return Buffer.concat(parts)
}

/**
 * The kind of a backup file from its first bytes: gzip (the embedded database's data folder, a tar) or
 * `PGDMP` (pg_dump's custom format). Anything else is not an OpenKAM backup.
 */
export function backupKindOf(head: Uint8Array): BackupKind | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded'
  if (Buffer.from(head.subarray(0, 5)).toString('latin1') === 'PGDMP') return 'pg_dump'
  return null
}

/** The tar inside an embedded backup; a file that is not one fails with a message saying so. */
export function embeddedTarOf(file: Uint8Array): Uint8Array {
  const tar = gunzipSync(file)
  if (tar.length < BLOCK || text(tar.subarray(257, 262)) !== 'ustar')
    throw new Error('the file is gzip but not a tar archive')
  return tar
}
