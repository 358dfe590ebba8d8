import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** What a test receiver got: the path with query, the headers and the raw and parsed body. */
export type Received = { url: string; headers: http.IncomingHttpHeaders; raw: string; json: any }

/** An HTTP receiver on a free local port that answers each request with `answer`. */
export async function startReceiver(answer: (r: Received) => { status: number; body?: unknown }) {
  const requests: Received[] = []
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      let json: unknown = null
      try {
        json = JSON.parse(raw)
      } catch {
        json = null
      }
      const r = { url: req.url ?? '', headers: req.headers, raw, json }
      requests.push(r)
      const a = answer(r)
      res.writeHead(a.status, { 'content-type': 'application/json' })
      res.end(a.body === undefined ? '' : JSON.stringify(a.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A local SMTP server (no TLS, no auth) that keeps every message it receives, parsed. */
export async function startSmtp() {
  const messages: ParsedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
