// Writes of an account through the API (POST /api/v1/accounts; PATCH /api/v1/accounts/:id with version)
// beside their raw SQL: the statements the API sent for them, replayed straight on the database.
import type autocannon from 'autocannon'
import { httpLoad } from './http-timing'
import type { RawSql } from './raw-sql'
import type { Load } from './stats'
import { createBody, updateBody, type WriteCapture } from './write-capture'
import { replayInProcess, replayWithPgbench } from './write-replay'

type Log = (line: string) => void

export type WriteSettings = {
  seconds: number
  oneSeconds: number
  /** Clients of the update load (the reads' count). */
  clients: number
  /** Clients of the create load (issue 21 measured creates at 10). */
  createClients: number
  /**
   * Connections of the raw many-client runs, at most: the API's pool (10) by default. The API's clients
   * share its pool; at 50 connections of their own these statements mostly wait on each other (the job
   * insert's NOTIFY serializes commits), which says little about what the API meets.
   */
  rawWriteClients: number
}

/** API and raw figures of one write at one client and at many. */
export type WriteTimings = { one: { api: Load; raw: Load }; many: { api: Load; raw: Load } }
export type ApiWrites = { create1: Load; createMany: Load; update1: Load; updateMany: Load }
export type Writes = {
  create: WriteTimings
  update: WriteTimings
  clients: number
  createClients: number
  /** Connections of the raw many-client runs of create and update. */
  rawClients: { create: number; update: number }
}

const WARM_SECONDS = 2

type Versioned = { id: string; version: number }

/** The accounts' current versions, read through the API. */
async function versions(url: string, token: string, ids: string[]): Promise<Versioned[]> {
  return Promise.all(
    ids.map(async (id) => {
      const res = await fetch(`${url}/api/v1/accounts/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      if (!res.ok) throw new Error(`GET /api/v1/accounts/${id} answered ${res.status}`)
      return { id, version: ((await res.json()) as { version: number }).version }
    }),
  )
}

/**
 * PATCHes of `accounts`: each request takes an account no other request is writing (the least recently
 * written), sends its current version and a new name, and gives it back with the version the answer carries
 * (or, on a conflict, the current one it names).
 */
function updateRequest(token: string, accounts: Versioned[], tag: string): autocannon.Request {
  const free = [...accounts]
  let n = 0
  return {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    setupRequest: (req, context) => {
      const a = free.shift() ?? accounts[n % accounts.length]!
      ;(context as { a?: Versioned }).a = a
      return {
        ...req,
        path: `/api/v1/accounts/${a.id}`,
        body: JSON.stringify(updateBody(a.version, `${tag}-${n++}`)),
      }
    },
    onResponse: (status, body, context) => {
      const a = (context as { a?: Versioned }).a
      if (!a) return
      try {
        const answer = JSON.parse(body) as { version?: number; current?: { version?: number } }
        a.version = (status === 409 ? answer.current?.version : answer.version) ?? a.version
      } catch {
        // not json: keep the version
      }
      free.push(a)
    },
  }
}

export function createRequest(token: string, tag: string): autocannon.Request {
  let n = 0
  return {
    method: 'POST',
    path: '/api/v1/accounts',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify(createBody(`${tag}-${n++}`)) }),
  }
}

/**
 * The API's writes on a running server: after a warm-up at one client, creates and updates of `accounts`
 * (at least `clients` of them) at one client, then creates at `createClients` and updates at `clients`. The
 * one-client runs come first: each write queues work for the server's worker (health, tiers, rules), and a
 * many-client run leaves a backlog behind. `during` wraps the many-client loads (e.g. to sample memory).
 */
export async function apiWrites(
  url: string,
  token: string,
  accounts: string[],
  s: WriteSettings,
  log: Log,
  during: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<ApiWrites> {
  const load = (request: autocannon.Request, connections: number, seconds: number) =>
    httpLoad({ url, token, request, connections, seconds })
  const note = (what: string, l: Load) =>
    l.errorSample && log(`  ${what}: ${l.errors} failed, e.g. ${l.errorSample}`)
  const pool = async () => versions(url, token, accounts)
  await load(createRequest(token, 'warm'), 1, WARM_SECONDS / 2)
  await load(updateRequest(token, await pool(), 'warm'), 1, WARM_SECONDS / 2)
  const create1 = await load(createRequest(token, 'one'), 1, s.oneSeconds)
  const update1 = await load(updateRequest(token, await pool(), 'one'), 1, s.oneSeconds)
  const createMany = await during(() => load(createRequest(token, 'many'), s.createClients, s.seconds))
  const updateMany = await during(async () =>
    load(updateRequest(token, await pool(), 'many'), s.clients, s.seconds),
  )
  note('create, 1 client', create1)
  note('update, 1 client', update1)
  note(`create, ${s.createClients} clients`, createMany)
  note(`update, ${s.clients} clients`, updateMany)
  log(
    `  create: 1 client p50 ${create1.p50.toFixed(2)} ms, ${s.createClients} clients ${Math.round(createMany.rate)}/s; ` +
      `update: 1 client p50 ${update1.p50.toFixed(2)} ms, ${s.clients} clients ${Math.round(updateMany.rate)}/s`,
  )
  return { create1, createMany, update1, updateMany }
}

/**
 * The raw floor of the same writes, in the same order: pgbench on PostgreSQL when it is installed
 * (`pgbench` given: the connection it uses for set-up and the URL), else `pool` in process.
 */
export async function rawWrites(
  c: WriteCapture,
  api: ApiWrites,
  accounts: string[],
  s: WriteSettings,
  driver: { pgbench: { db: RawSql; url: string } | null; pool: RawSql[] },
  log: Log,
): Promise<Writes> {
  const time = (w: 'create' | 'update', clients: number, seconds: number) =>
    driver.pgbench
      ? replayWithPgbench(driver.pgbench.db, driver.pgbench.url, c[w], accounts, clients, seconds)
      : replayInProcess(driver.pool.slice(0, clients), c[w], accounts, seconds)
  await time('create', 1, WARM_SECONDS / 2)
  await time('update', 1, WARM_SECONDS / 2)
  const create1 = await time('create', 1, s.oneSeconds)
  const update1 = await time('update', 1, s.oneSeconds)
  const rawClients = {
    create: Math.min(s.createClients, s.rawWriteClients),
    update: Math.min(s.clients, s.rawWriteClients),
  }
  const createMany = await time('create', rawClients.create, s.seconds)
  const updateMany = await time('update', rawClients.update, s.seconds)
  log(
    `  raw create: 1 client p50 ${create1.p50.toFixed(2)} ms, ${Math.round(createMany.rate)}/s; ` +
      `raw update: 1 client p50 ${update1.p50.toFixed(2)} ms, ${Math.round(updateMany.rate)}/s`,
  )
  return {
    create: { one: { api: api.create1, raw: create1 }, many: { api: api.createMany, raw: createMany } },
    update: { one: { api: api.update1, raw: update1 }, many: { api: api.updateMany, raw: updateMany } },
    clients: s.clients,
    createClients: s.createClients,
    rawClients,
  }
}
