import { z } from 'zod'
import type { FastifySchemaCompiler, RouteOptions } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'

/**
 * The validator of every route: zod's, with one rule added — a query string takes only the parameters its
 * schema names. A querystring object that says nothing about unknown keys (no `.strict()`, `.loose()` or
 * `.catchall()`) is made strict, so `?limt=5` is a 400 naming `limt` instead of a silent 200.
 */
export const strictQueryValidator: FastifySchemaCompiler<z.ZodType> = (route) => {
  const schema = route.schema as z.ZodType
  if (route.httpPart === 'querystring' && schema instanceof z.ZodObject && schema.def.catchall === undefined)
    return validatorCompiler({ ...route, schema: schema.strict() })
  return validatorCompiler(route)
}

/**
 * A route under /api/v1 that declares no query string takes none: `?x=1` is a 400 naming `x`, as on the
 * routes that declare theirs (found by the API fuzzer, test/fuzz). Registered as an onRoute hook.
 */
export function noUndeclaredQuery(route: RouteOptions) {
  if (!route.url.startsWith('/api/v1/') || !route.schema || route.schema.querystring) return
  route.schema = { ...route.schema, querystring: z.strictObject({}) }
}
