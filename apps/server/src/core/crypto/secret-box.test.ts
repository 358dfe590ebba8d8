import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyFromBase64, keyFromDataDir, SecretBox, secretBoxFor } from './secret-box'

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32))

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = box.seal('app-secret-123')
    expect(sealed).toMatch(/^v1\./)
    expect(sealed).not.toContain('app-secret-123')
    expect(box.open(sealed)).toBe('app-secret-123')
    expect(box.openJson(box.sealJson({ a: '秘密' }))).toEqual({ a: '秘密' })
  })

  it('seals the same value differently each time (fresh IV)', () => {
    expect(box.seal('x')).not.toBe(box.seal('x'))
  })

  it('refuses a value sealed with another key or tampered with', () => {
    const other = new SecretBox(randomBytes(32))
    expect(() => other.open(box.seal('x'))).toThrow(/cannot be opened with this key/)
    const parts = box.seal('hello').split('.')
    parts[3] = Buffer.from('jello').toString('base64url')
    expect(() => box.open(parts.join('.'))).toThrow(/cannot be opened/)
    expect(() => box.open('plain text')).toThrow(/Not a sealed secret/)
  })

  it('takes only a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/)
    expect(() => keyFromBase64(randomBytes(16).toString('base64'))).toThrow(/OPENKAM_SECRET_KEY.*16 bytes/)
  })
})

describe('keys', () => {
  it('creates a key file with mode 0600 in the data directory and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okbox-'))
    const k1 = keyFromDataDir(dir)
    const file = path.join(dir, 'secret.key')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(keyFromDataDir(dir).equals(k1)).toBe(true)
    const sealed = new SecretBox(k1).seal('s')
    expect(secretBoxFor({ dataDir: dir }).open(sealed)).toBe('s')
    fs.rmSync(dir, { recursive: true })
  })

  it('prefers OPENKAM_SECRET_KEY over the key file', () => {
    const key = randomBytes(32)
    const sealed = new SecretBox(key).seal('s')
    expect(secretBoxFor({ secretKey: key.toString('base64'), dataDir: 'memory://' }).open(sealed)).toBe('s')
  })
})
