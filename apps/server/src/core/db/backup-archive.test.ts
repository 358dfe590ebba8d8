import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { backupKindOf, embeddedTarOf, tarWithout } from './backup-archive'

/** A ustar entry as PGlite's tar writer makes it: a 512-byte header, then the data padded to 512. */
function entry(name: string, data: string) {
  const header = Buffer.alloc(512)
  header.write(name, 0)
  header.write(data.length.toString(8).padStart(11, '0'), 124)
  header.write('ustar', 257)
  const body = Buffer.alloc(Math.ceil(data.length / 512) * 512)
  body.write(data)
  return Buffer.concat([header, body])
}
const archive = (...entries: Buffer[]) => Buffer.concat([...entries, Buffer.alloc(1024)])
const names = (tar: Uint8Array) => {
  const found: string[] = []
  for (let off = 0; off + 512 <= tar.length;) {
    const h = Buffer.from(tar.subarray(off, off + 512))
    if (h.every((b) => b === 0)) break
    found.push(h.toString('utf8', 0, 100).replace(/\0.*$/s, ''))
    off += 512 + Math.ceil(parseInt(h.toString('utf8', 124, 135), 8) / 512) * 512
  }
  return found
}

describe('backup archives', () => {
  it('leaves out the named entries, with or without a leading slash, and keeps the rest whole', () => {
    const big = 'x'.repeat(1300)
    const tar = archive(
      entry('/PG_VERSION', '17\n'),
      entry('/secret.key', 'k'.repeat(44)),
      entry('/base/1/112', big),
    )
    const out = tarWithout(tar, ['secret.key'])
    expect(names(out)).toEqual(['/PG_VERSION', '/base/1/112'])
    expect(Buffer.from(out).includes('k'.repeat(44))).toBe(false)
    expect(Buffer.from(out).includes(big)).toBe(true)
    expect(out.length).toBe(tar.length - 1024)
  })

  it.each([
    [[0x1f, 0x8b, 8, 0], 'embedded'],
    [[...Buffer.from('PGDMP'), 1, 14], 'pg_dump'],
    [[...Buffer.from('hello')], null],
  ])('tells the kind of a file starting %j: %s', (head, kind) => {
    expect(backupKindOf(Uint8Array.from(head))).toBe(kind)
  })

  it('refuses a gzip file that holds no tar archive', () => {
    expect(() => embeddedTarOf(gzipSync('not a tar'))).toThrow('not a tar archive')
    expect(embeddedTarOf(gzipSync(archive(entry('/PG_VERSION', '17\n')))).length).toBe(2048)
  })
})
