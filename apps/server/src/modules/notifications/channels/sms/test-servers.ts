import { createHash, createHmac, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Local stand-ins for the SMS providers (tests only; nothing leaves the machine). Each recomputes the
 * request's signature on its own — written here again from the providers' documents rather than taken
 * from signing.ts, so a mistake there cannot agree with itself — and answers as the provider does: a
 * refusal with the provider's code and message for a bad signature, else the test's chosen answer.
 */

type Answer = { status?: number; body: unknown }
type Listen = (req: http.IncomingMessage, raw: string) => Answer

async function serve(handle: Listen) {
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      const a = handle(req, raw)
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json;charset=utf-8' })
      res.end(JSON.stringify(a.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const rfc3986 = (s: string) =>
  encodeURIComponent(s)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A')

export type AliyunReceived = { params: Record<string, string>; signatureOk: boolean }

/**
 * Aliyun dysmsapi: a form-encoded POST, RPC signature v1.0 (HMAC-SHA1 keyed with `secret&`). A repeated
 * SignatureNonce is refused like the real service does.
 */
export async function startAliyunSms(
  secrets: Record<string, string>,
  answer: (r: AliyunReceived) => Answer = () => ({
    body: { Message: 'OK', RequestId: randomUUID(), Code: 'OK', BizId: '9006197469364984400' },
  }),
) {
  const received: AliyunReceived[] = []
  const nonces = new Set<string>()
  const srv = await serve((req, raw) => {
    const params = Object.fromEntries(new URLSearchParams(raw))
    const { Signature: given, ...rest } = params
    const canonical = Object.keys(rest)
      .sort()
      .map((k) => `${rfc3986(k)}=${rfc3986(rest[k]!)}`)
      .join('&')
    const toSign = `${req.method}&%2F&${rfc3986(canonical)}`
    const secret = secrets[params.AccessKeyId ?? '']
    const expected = secret ? createHmac('sha1', `${secret}&`).update(toSign).digest('base64') : null
    const r: AliyunReceived = { params, signatureOk: !!expected && expected === given }
    received.push(r)
    if (!secret)
      return {
        status: 404,
        body: {
          Code: 'InvalidAccessKeyId.NotFound',
          Message: 'Specified access key is not found.',
          RequestId: randomUUID(),
        },
      }
    if (!r.signatureOk)
      return {
        status: 400,
        body: {
          Code: 'SignatureDoesNotMatch',
          Message: `Specified signature is not matched with our calculation. server string to sign is:${toSign}`,
          RequestId: randomUUID(),
        },
      }
    if (nonces.has(params.SignatureNonce ?? ''))
      return {
        status: 400,
        body: {
          Code: 'SignatureNonceUsed',
          Message: 'Specified signature nonce was used already.',
          RequestId: randomUUID(),
        },
      }
    nonces.add(params.SignatureNonce ?? '')
    return answer(r)
  })
  return { ...srv, received }
}

export type TencentReceived = { headers: http.IncomingHttpHeaders; body: any; signatureOk: boolean }

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const hmac = (k: string | Buffer, m: string) => createHmac('sha256', k).update(m).digest()

/** Tencent Cloud API 3.0 (sms, 2021-01-11): TC3-HMAC-SHA256 over the headers the request says it signed. */
export async function startTencentSms(
  secrets: Record<string, string>,
  answer: (r: TencentReceived) => Answer = (r) => ({
    body: {
      Response: {
        SendStatusSet: (r.body?.PhoneNumberSet ?? []).map((p: string) => ({
          SerialNo: '5000:1045710669157053657849499619',
          PhoneNumber: p,
          Fee: 1,
          SessionContext: '',
          Code: 'Ok',
          Message: 'send success',
          IsoCode: 'CN',
        })),
        RequestId: randomUUID(),
      },
    },
  }),
) {
  const received: TencentReceived[] = []
  const fail = (Code: string, Message: string) => ({
    body: { Response: { Error: { Code, Message }, RequestId: randomUUID() } },
  })
  const srv = await serve((req, raw) => {
    let body: any = null
    try {
      body = JSON.parse(raw)
    } catch {
      body = null
    }
    const h = req.headers
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(h.authorization ?? ''),
      )
    let signatureOk = false
    if (m) {
      const [, id, date, service, signedHeaders, signature] = m
      const names = signedHeaders!.split(';')
      const canonicalHeaders = names
        .map(
          (n) =>
            `${n}:${String(h[n] ?? '')
              .trim()
              .toLowerCase()}\n`,
        )
        .join('')
      const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(raw)].join('\n')
      const ts = Number(h['x-tc-timestamp'])
      const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/${service}/tc3_request\n${sha256(canonical)}`
      const secret = secrets[id!]
      const key = secret ? hmac(hmac(hmac(`TC3${secret}`, date!), service!), 'tc3_request') : null
      signatureOk =
        !!key &&
        service === 'sms' &&
        names.includes('content-type') &&
        names.includes('host') &&
        new Date(ts * 1000).toISOString().slice(0, 10) === date &&
        createHmac('sha256', key).update(toSign).digest('hex') === signature
    }
    const r: TencentReceived = { headers: h, body, signatureOk }
    received.push(r)
    if (h['x-tc-action'] !== 'SendSms' || h['x-tc-version'] !== '2021-01-11')
      return fail(
        'InvalidAction',
        `The action ${String(h['x-tc-action'])} of version ${String(h['x-tc-version'])} does not exist.`,
      )
    if (!h['x-tc-region'])
      return fail('MissingParameter', 'The request is missing a required parameter `Region`.')
    if (!signatureOk)
      return fail(
        'AuthFailure.SignatureFailure',
        'The provided credentials could not be validated. Please check your signature is correct.',
      )
    return answer(r)
  })
  return { ...srv, received }
}
