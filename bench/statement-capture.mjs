// Loaded into the server only by the bench's capture start (`node --import`, see write-capture.ts): records
// the statements a request marked with the header `x-bench-capture` sends to the database — text, prepared
// name and parameters as the driver sends them — and appends them as one JSON line to $BENCH_CAPTURE_FILE
// when the answer is sent. Statements of other requests and of background work are not recorded.
import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import http from 'node:http'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

const file = process.env.BENCH_CAPTURE_FILE
const store = new AsyncLocalStorage()
const textOf = (q) => (typeof q === 'string' ? q : (q?.text ?? String(q)))
const valuesOf = (q, values) => (Array.isArray(values) ? values : Array.isArray(q?.values) ? q.values : [])
const note = (list, q, values) =>
  list?.push({
    text: textOf(q),
    name: typeof q === 'object' && q?.name ? q.name : null,
    // As PostgreSQL receives them: text (dates, arrays and objects in pg's own text forms), or null.
    values: valuesOf(q, values).map(toText),
  })
const toText = (v) => {
  const t = pg.utils.prepareValue(v)
  return t === null || t === undefined ? null : Buffer.isBuffer(t) ? t.toString() : String(t)
}

const client = pg.Client.prototype
const query = client.query
client.query = function (q, values, ...rest) {
  note(store.getStore(), q, values)
  return query.call(this, q, values, ...rest)
}
// PGlite: the store is taken at the call (its queue may run the work in another caller's context).
for (const m of ['query', 'exec']) {
  const original = PGlite.prototype[m]
  PGlite.prototype[m] = function (q, values, ...rest) {
    note(store.getStore(), q, m === 'query' ? values : [])
    return original.call(this, q, values, ...rest)
  }
}
const transaction = PGlite.prototype.transaction
PGlite.prototype.transaction = function (cb) {
  const list = store.getStore()
  if (!list) return transaction.call(this, cb)
  list.push({ text: 'BEGIN', name: null, values: [] })
  return transaction
    .call(this, (tx) => {
      for (const m of ['query', 'exec']) {
        const original = tx[m]
        tx[m] = (q, values, ...rest) => {
          note(list, q, m === 'query' ? values : [])
          return original(q, values, ...rest)
        }
      }
      return cb(tx)
    })
    .finally(() => list.push({ text: 'COMMIT', name: null, values: [] }))
}

const emit = http.Server.prototype.emit
http.Server.prototype.emit = function (event, req, res, ...rest) {
  const mark = event === 'request' ? req.headers['x-bench-capture'] : undefined
  if (!mark) return emit.call(this, event, req, res, ...rest)
  const list = []
  res.on('finish', () => fs.appendFileSync(file, `${JSON.stringify({ mark, statements: list })}\n`))
  return store.run(list, () => emit.call(this, event, req, res, ...rest))
}
