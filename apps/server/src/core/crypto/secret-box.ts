import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A sealed secret as stored: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export type Sealed = string

const VERSION = 'v1'
const KEY_FILE = 'secret.key'

/**
 * Encrypts small secrets (app secrets, passwords, webhook secrets) with AES-256-GCM before they are
 * stored. Each value gets a fresh 12-byte IV; the authentication tag makes a tampered or foreign value
 * fail to open instead of yielding garbage.
 * @example const box = new SecretBox(key); const s = box.seal('p@ss'); box.open(s) // 'p@ss'
 */
export class SecretBox {
  private readonly key: Buffer

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes (AES-256)')
    this.key = Buffer.from(key)
  }

  seal(plain: string): Sealed {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    const tag = cipher.getAuthTag()
    return [VERSION, iv, tag, data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.')
  }

  open(sealed: Sealed): string {
    const [v, iv, tag, data] = sealed.split('.')
    if (v !== VERSION || !iv || !tag || data === undefined)
      throw new Error('Not a sealed secret (expected v1.<iv>.<tag>.<data>)')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    try {
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      )
    } catch {
      throw new Error(
        'The secret cannot be opened with this key (OPENKAM_SECRET_KEY or the key file changed)',
      )
    }
  }

  sealJson(value: unknown): Sealed {
    return this.seal(JSON.stringify(value))
  }

  openJson<T>(sealed: Sealed): T {
    return JSON.parse(this.open(sealed)) as T
  }
}

/** Decodes OPENKAM_SECRET_KEY (base64 of 32 bytes); a wrong length names the setting. */
export function keyFromBase64(b64: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64')
  if (key.length !== 32)
    throw new Error(`OPENKAM_SECRET_KEY must be 32 bytes in base64 (it decodes to ${key.length} bytes)`)
  return key
}

/**
 * The key file in the data directory, created (mode 0600) with a random key when missing. An in-memory
 * data directory ('memory://', tests) keeps an in-memory key: its database goes with the process too.
 */
export function keyFromDataDir(dataDir: string): Buffer {
  if (dataDir === 'memory://') return memoryKey
  const file = path.join(dataDir, KEY_FILE)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true })
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    } catch (err) {
      // Another process wrote it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  return keyFromBase64(fs.readFileSync(file, 'utf8'))
}

const memoryKey = randomBytes(32)
const boxes = new Map<string, SecretBox>()

/**
 * The process's secret box: the key from OPENKAM_SECRET_KEY when set, else the data directory's key file.
 * @example secretBoxFor(config).seal(appSecret)
 */
export function secretBoxFor(config: { secretKey?: string; dataDir: string }): SecretBox {
  const id = config.secretKey ? `env:${config.secretKey}` : `dir:${config.dataDir}`
  let box = boxes.get(id)
  if (!box) {
    box = new SecretBox(config.secretKey ? keyFromBase64(config.secretKey) : keyFromDataDir(config.dataDir))
    boxes.set(id, box)
  }
  return box
}

const SEALED = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/

/** Whether a stored value is sealed (`v1.<iv>.<tag>.<data>`), not a secret kept in clear by an older version. */
export const isSealed = (value: string): boolean => SEALED.test(value)

let installed: { secretKey?: string; dataDir: string } | null = null

/**
 * Names the key the process seals stored secrets with (startRuntime does it from its config); the key
 * itself is read, or the key file created, only when a secret is first sealed or opened.
 */
export function installSecretBox(config: { secretKey?: string; dataDir: string }) {
  installed = { secretKey: config.secretKey, dataDir: config.dataDir }
}

/** The process's box for stored secrets (see installSecretBox). */
export function storedSecretBox(): SecretBox {
  if (!installed) throw new Error('No secret key configured: startRuntime installs it (installSecretBox)')
  return secretBoxFor(installed)
}

/**
 * A secret as it goes into the database: sealed; null and '' stay null.
 * @example out.secret = sealStored(input.secret)
 */
export const sealStored = (plain: string | null | undefined): string | null =>
  plain ? storedSecretBox().seal(plain) : null

/**
 * A stored secret as the server uses it. A value still in clear (written before secrets were sealed, and
 * not yet sealed by start-up — see stored-secrets.ts) is taken as it is.
 */
export const openStored = (stored: string | null | undefined): string | null =>
  !stored ? null : isSealed(stored) ? storedSecretBox().open(stored) : stored
