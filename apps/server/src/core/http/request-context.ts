import type { Ctx } from '../context'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every authenticated /api/v1 request. */
    ctx: Ctx
  }
  interface FastifyContextConfig {
    /** Routes that need no sign-in. */
    public?: boolean
  }
}

export {}
