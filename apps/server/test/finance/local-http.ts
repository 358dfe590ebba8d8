import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type LocalRequest = {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  json: any
}
/** What a simulated system answers: JSON, or `drop` — do the work, then cut the connection (an unknown outcome). */
export type LocalAnswer = {
  status?: number
  body?: unknown
  headers?: Record<string, string>
  drop?: boolean
  html?: string
}

/** A plain node:http server on a free local port, answering each request with `handle`. */
export async function startLocalHttp(handle: (r: LocalRequest) => LocalAnswer) {
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      let json: unknown = null
      try {
        json = raw ? JSON.parse(raw) : null
      } catch {
        json = Symbol.for('invalid-json')
      }
      const url = new URL(req.url ?? '/', 'http://local')
      const a = handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        json,
      })
      if (a.drop) return req.socket.destroy()
      if (a.html !== undefined) {
        res.writeHead(a.status ?? 500, { 'content-type': 'text/html' })
        return res.end(a.html)
      }
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...a.headers })
      res.end(JSON.stringify(a.body ?? null))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
