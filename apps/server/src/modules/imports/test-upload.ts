import type { App } from '../../core/http/server'
import type { Caller, Res } from '../../../test/harness'

/** Test support: POSTs a multipart upload to /api/v1/imports, a `file` part plus text fields. */
export async function uploadFile(
  app: App,
  who: Caller,
  fields: Record<string, string>,
  name: string,
  content: Buffer | string,
): Promise<Res> {
  const b = `----openkam${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  )
  parts.push(
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${b}--\r\n`),
  )
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat(parts),
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

let seq = 0
/** Test support: a valid unified social credit code, unique in this process. */
export const creditCode = () =>
  `9111${String(Date.now() % 10_000).padStart(4, '0')}${String(++seq).padStart(10, '0')}`
