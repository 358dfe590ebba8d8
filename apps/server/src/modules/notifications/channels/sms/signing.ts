import { createHash, createHmac } from 'node:crypto'

/**
 * Aliyun's POP percent-encoding (RFC 3986): every byte but A–Z a–z 0–9 `-_.~` as %XX in upper case, so
 * a space is `%20` (not `+`) and `*` is `%2A`; encodeURIComponent leaves `!'()*` alone, hence the extra step.
 */
export const percentEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** The parameters sorted by name (code-unit order) and joined as `k=v&…`, each side percent-encoded. */
export const canonicalQuery = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&')

/** `METHOD&%2F&<the canonical query, percent-encoded once more>` (RPC signature, version 1.0). */
export const aliyunStringToSign = (method: string, params: Record<string, string>) =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`

/**
 * Aliyun's RPC-style request signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0): base64 of
 * HMAC-SHA1 over the string to sign, keyed with the AccessKey secret followed by `&`.
 * @example aliyunSignature('GET', params, 'testsecret') // 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=' for the documented example
 */
export const aliyunSignature = (method: string, params: Record<string, string>, secret: string) =>
  createHmac('sha1', `${secret}&`).update(aliyunStringToSign(method, params), 'utf8').digest('base64')

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest()

export type Tc3Request = {
  secretId: string
  secretKey: string
  /** The product, e.g. `sms` (the first label of its domain). */
  service: string
  /** The Host header exactly as sent. */
  host: string
  contentType: string
  /** Unix seconds, also sent as X-TC-Timestamp. */
  timestamp: number
  payload: string
}

/** The POST canonical request of TC3-HMAC-SHA256, signing the content-type and host headers. */
export const tc3CanonicalRequest = (r: Pick<Tc3Request, 'host' | 'contentType' | 'payload'>) =>
  [
    'POST',
    '/',
    '',
    `content-type:${r.contentType.toLowerCase()}\nhost:${r.host.toLowerCase()}\n`,
    'content-type;host',
    sha256Hex(r.payload),
  ].join('\n')

/**
 * The TC3-HMAC-SHA256 signature of Tencent Cloud API 3.0: the key is derived from `TC3` + SecretKey
 * through the UTC date, the service and `tc3_request`; it signs the hash of the canonical request.
 * Returns the Authorization header and the parts a receiver checks.
 */
export function tc3Sign(r: Tc3Request) {
  const date = new Date(r.timestamp * 1000).toISOString().slice(0, 10)
  const scope = `${date}/${r.service}/tc3_request`
  const canonical = tc3CanonicalRequest(r)
  const stringToSign = ['TC3-HMAC-SHA256', String(r.timestamp), scope, sha256Hex(canonical)].join('\n')
  const signing = hmac(hmac(hmac(`TC3${r.secretKey}`, date), r.service), 'tc3_request')
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex')
  return {
    canonical,
    stringToSign,
    signature,
    authorization: `TC3-HMAC-SHA256 Credential=${r.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
  }
}
