import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, paths } from './schema'

export type { components, paths }
/** The typed OpenKAM client: `GET`, `POST`, `PATCH`, `PUT`, `DELETE` on the paths of /api/openapi.json. */
export type OpenKamClient = Client<paths>

export type OpenKamClientOptions = {
  /** Where the server runs, e.g. `http://localhost:3000` (the paths start with /api/v1). */
  baseUrl: string
  /** An API token (Settings → API tokens) or a session token, sent as `Authorization: Bearer …`. */
  token?: string
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: ClientOptions['fetch']
}

/**
 * A client for the OpenKAM API whose paths, parameters, bodies and answers are typed from the server's
 * OpenAPI description (openapi-typescript) and sent by openapi-fetch. Every call resolves to `{ data }` on
 * success or `{ error }` — a problem+json body — otherwise; `response.status` says which.
 * @example
 * const kam = createOpenKamClient({ baseUrl: 'http://localhost:3000', token: process.env.OPENKAM_TOKEN })
 * const { data, error } = await kam.GET('/api/v1/accounts', { params: { query: { limit: 10 } } })
 */
export function createOpenKamClient(options: OpenKamClientOptions): OpenKamClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}
