import path from 'node:path'
import { z } from 'zod'
import { parseAllowList } from './http/outbound'

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

const pgUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
  .optional()
  .or(z.literal('').transform(() => undefined))

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_READ_URL: pgUrl,
  DATABASE_DIRECT_URL: pgUrl,
  OPENKAM_READ_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  OPENKAM_PG_PREPARED: z.enum(['on', 'off', '']).optional(),
  OPENKAM_DATA_DIR: z.string().min(1).default('./.openkam/data'),
  OPENKAM_PG_BIN: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  OPENKAM_ADMIN_EMAIL: z
    .email()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OPENKAM_ADMIN_PASSWORD: z
    .string()
    .min(8, 'must be at least 8 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OPENKAM_DEMO: boolish,
  OPENKAM_TRUST_PROXY: boolish,
  OPENKAM_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  OPENKAM_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  OPENKAM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENKAM_WEB_DIR: z.string().optional(),
  OPENKAM_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  OPENKAM_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  OPENKAM_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  OPENKAM_SECRET_KEY: z
    .string()
    .refine((v) => v === '' || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
    .optional(),
  OPENKAM_OUTBOUND_ALLOW: z
    .string()
    .optional()
    .superRefine((v, c) => {
      try {
        parseAllowList(v)
      } catch (err) {
        c.addIssue({ code: 'custom', message: (err as Error).message })
      }
    }),
  OPENKAM_METRICS_PORT: z
    .union([z.literal('').transform(() => undefined), z.coerce.number().int().min(0).max(65535)])
    .optional(),
  OPENKAM_METRICS_HOST: z.string().optional(),
  OPENKAM_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(0),
  OPENKAM_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OPENKAM_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v, c) => {
      const list = (v ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
      for (const o of list)
        if (!/^https?:\/\/[^/\s]+$/.test(o))
          c.addIssue({ code: 'custom', message: `"${o}" is not an origin (scheme://host[:port], no path)` })
      return list
    }),
})

export type Config = Readonly<{
  port: number
  host: string
  databaseUrl: string | undefined
  /** A streaming replica of DATABASE_URL for reports, dashboards' data and exports. */
  databaseReadUrl: string | undefined
  /** Replica lag (seconds) beyond which those reads go to the primary. */
  readMaxLagSeconds: number
  /** A direct connection to the primary for LISTEN and the migration lock (DATABASE_URL names a pooler). */
  databaseDirectUrl: string | undefined
  /** Named prepared statements (off behind a transaction-mode pooler such as PgBouncer 1.18). */
  pgPrepared: boolean
  dataDir: string
  adminEmail: string | undefined
  adminPassword: string | undefined
  demo: boolean
  trustProxy: boolean
  sessionDays: number
  loginMaxFailures: number
  logLevel: z.infer<typeof ConfigSchema>['OPENKAM_LOG_LEVEL']
  webDir: string | undefined
  /** First retry delay of a failed delivery or rule action; doubles each attempt. */
  retryBaseSeconds: number
  /** Attempts before a delivery or rule action is marked failed. */
  retryMaxAttempts: number
  webhookTimeoutMs: number
  /** The folder of PostgreSQL's pg_dump and pg_restore (`openkam backup`/`restore`); unset → PATH, then Debian's. */
  pgBin: string | undefined
  /** Base64 of the 32-byte key that seals stored secrets; unset → a key file in the data directory. */
  secretKey: string | undefined
  /** Address ranges the outbound guard lets through (CIDR list; see core/http/outbound.ts). */
  outboundAllow: string | undefined
  /**
   * Origins besides the server's own whose pages may send cookie-authenticated writes: the public URL's
   * origin (behind a proxy) and OPENKAM_ALLOWED_ORIGINS.
   */
  allowedOrigins: readonly string[]
  /** Port of the separate Prometheus listener (GET /metrics); unset → no metrics endpoint. */
  metricsPort: number | undefined
  /** Address that listener binds to (OPENKAM_METRICS_HOST, else HOST). */
  metricsHost: string
  /** How far V8 lets the heap grow past what the last full collection kept, in percent; 0 (the default) leaves V8 its own choice (ADR 0042). */
  heapGrowthPercent: number
}>

export class ConfigError extends Error {}

/**
 * Parses the process environment once into a frozen Config.
 * A malformed setting stops start-up with a message naming it.
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  if (Boolean(e.OPENKAM_ADMIN_EMAIL) !== Boolean(e.OPENKAM_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  OPENKAM_ADMIN_EMAIL and OPENKAM_ADMIN_PASSWORD must be set together',
    )
  }
  if ((e.DATABASE_READ_URL || e.DATABASE_DIRECT_URL) && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_READ_URL and DATABASE_DIRECT_URL go with DATABASE_URL (the primary); the embedded database has neither',
    )
  }
  if (e.OPENKAM_METRICS_PORT && e.OPENKAM_METRICS_PORT === e.PORT) {
    throw new ConfigError(
      'Invalid configuration:\n  OPENKAM_METRICS_PORT must differ from PORT (metrics have a listener of their own)',
    )
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    readMaxLagSeconds: e.OPENKAM_READ_MAX_LAG_SECONDS,
    databaseDirectUrl: e.DATABASE_DIRECT_URL,
    // `?pgbouncer=true` on DATABASE_URL (as other tools spell it) also turns them off.
    pgPrepared:
      e.OPENKAM_PG_PREPARED !== 'off' &&
      !(e.OPENKAM_PG_PREPARED !== 'on' && /[?&]pgbouncer=true\b/.test(e.DATABASE_URL ?? '')),
    // 'memory://' keeps the embedded database in memory (tests).
    dataDir: e.OPENKAM_DATA_DIR.startsWith('memory://') ? 'memory://' : path.resolve(e.OPENKAM_DATA_DIR),
    adminEmail: e.OPENKAM_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.OPENKAM_ADMIN_PASSWORD,
    demo: e.OPENKAM_DEMO,
    trustProxy: e.OPENKAM_TRUST_PROXY,
    sessionDays: e.OPENKAM_SESSION_DAYS,
    loginMaxFailures: e.OPENKAM_LOGIN_MAX_FAILURES,
    logLevel: e.OPENKAM_LOG_LEVEL,
    webDir: e.OPENKAM_WEB_DIR,
    retryBaseSeconds: e.OPENKAM_RETRY_BASE_SECONDS,
    retryMaxAttempts: e.OPENKAM_RETRY_MAX_ATTEMPTS,
    webhookTimeoutMs: e.OPENKAM_WEBHOOK_TIMEOUT_MS,
    secretKey: e.OPENKAM_SECRET_KEY || undefined,
    pgBin: e.OPENKAM_PG_BIN,
    outboundAllow: e.OPENKAM_OUTBOUND_ALLOW || undefined,
    allowedOrigins: [
      ...(e.OPENKAM_PUBLIC_URL ? [new URL(e.OPENKAM_PUBLIC_URL).origin] : []),
      ...e.OPENKAM_ALLOWED_ORIGINS.map((o) => new URL(o).origin),
    ],
    metricsPort: e.OPENKAM_METRICS_PORT,
    metricsHost: e.OPENKAM_METRICS_HOST || e.HOST,
    heapGrowthPercent: e.OPENKAM_HEAP_GROWTH_PERCENT,
    ...overrides,
  })
}
