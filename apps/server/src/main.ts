import fs from 'node:fs'
import { Command } from 'commander'
import { keyFromBase64, SecretBox, secretBoxFor } from './core/crypto/secret-box'
import { rotateSecrets } from './core/crypto/stored-secrets'
import { ConfigError, loadConfig, type Config } from './core/config'
import { AppError } from './core/errors'
import { buildApp } from './app'
import { startRuntime, storedSecrets, type Runtime } from './runtime'
import { connectModules } from './module-wiring'
import { openDatabase } from './core/db/open'
import { backupCommand, restoreCommand, type RestoreOptions } from './core/db/backup'
import { runCommand } from './core/cli-exit'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './demo/seed'
import { startBoss } from './core/jobs/boss'
import { OutboxEventSink } from './core/events/bus'
import { HandlerRegistry } from './core/events/registry'
import { setupStatus, findWorkspaceBySlug } from './modules/workspaces'
import { importCommand, type ImportCommandOptions } from './modules/imports'
import { VERSION } from './version'
import { serveMetrics } from './core/observability/metrics-server'
import { limitHeapGrowth } from './core/heap-growth'
import {
  operatorCommand,
  operatorListCommand,
  workspaceCreateCommand,
  workspaceListCommand,
  type OperatorOptions,
  type WorkspaceCreateOptions,
} from './modules/operator'

const out = (s: string) => process.stdout.write(`${s}\n`)

function config(): Config {
  return loadConfig(process.env)
}

/** Stops on SIGTERM/SIGINT: stop accepting, finish requests and jobs in flight, close the database. */
function onShutdown(stop: () => Promise<void>) {
  let stopping = false
  const handler = (signal: string) => {
    if (stopping) return
    stopping = true
    out(`${signal} received: finishing work in flight, then stopping…`)
    const force = setTimeout(() => {
      console.error('Shutdown took longer than 35 s; exiting.')
      process.exit(1)
    }, 35_000)
    force.unref()
    stop()
      .then(() => {
        out('Stopped cleanly.')
        process.exit(0)
      })
      .catch((err) => {
        console.error('Error while stopping:', err)
        process.exit(1)
      })
  }
  process.on('SIGTERM', () => handler('SIGTERM'))
  process.on('SIGINT', () => handler('SIGINT'))
}

async function start(opts: { demo?: boolean; apiOnly?: boolean; lang?: 'zh-CN' | 'en' }) {
  const started = Date.now()
  const cfg = config()
  limitHeapGrowth(cfg.heapGrowthPercent)
  const demo = Boolean(opts.demo) || cfg.demo
  const role = cfg.databaseUrl && opts.apiOnly ? 'api' : 'embedded'
  const rt: Runtime = await startRuntime(cfg, { role, demo, lang: opts.lang, deferBackground: true })
  const app = await buildApp(rt, { logger: true })
  const metrics = await serveMetrics(cfg, rt.database, app.log)
  onShutdown(async () => {
    await metrics?.close()
    await app.close()
    await app.whenIdle(25_000)
    await rt.stop()
  })
  // The summary below says where the server listens; Fastify's own JSON line about it is left out.
  const level = app.log.level
  if (level === 'info') app.log.level = 'warn'
  await app.listen({ port: cfg.port, host: cfg.host })
  app.log.level = level
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port
  const host = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host
  // Asked before the banner, so its lines come out together (the worker may keep the database busy).
  const demoWorkspace = await findWorkspaceBySlug(rt.database.db, 'demo')
  out('')
  out(
    `OpenKAM ${VERSION} is ready at http://${host}:${port}  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )
  out(`  database: ${cfg.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${cfg.dataDir}`}`)
  if (demoWorkspace) {
    out(`  demo sign-in: ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}`)
    if (cfg.adminEmail) out(`  or: ${cfg.adminEmail} (OPENKAM_ADMIN_PASSWORD)`)
  } else if (cfg.adminEmail) {
    out(`  sign in as ${cfg.adminEmail} (OPENKAM_ADMIN_PASSWORD)`)
  } else if ((await setupStatus(rt.database.db)).needed) {
    out(`  first run: open http://${host}:${port} to create the workspace and its administrator`)
  }
  if (metrics) out(`  metrics: http://${metrics.host}:${metrics.port}/metrics (Prometheus)`)
  out('  API description: /api/openapi.json · stop with Ctrl+C')
  // Background work (events, jobs) starts once the server answers.
  await rt.startBackground()
}

async function worker() {
  const cfg = config()
  limitHeapGrowth(cfg.heapGrowthPercent)
  const rt = await startRuntime(cfg, {
    role: 'worker',
    log: { info: (o, m) => out(`${m ?? ''} ${JSON.stringify(o)}`), error: (o, m) => console.error(m, o) },
  })
  const metrics = await serveMetrics(cfg, rt.database, { error: (o, m) => console.error(m, o) })
  onShutdown(async () => {
    await metrics?.close()
    await rt.stop()
  })
  out(`OpenKAM worker running (${rt.registry.all().length} event handlers). Stop with Ctrl+C.`)
  if (metrics) out(`  metrics: http://${metrics.host}:${metrics.port}/metrics (Prometheus)`)
}

async function migrate() {
  const cfg = config()
  const database = await openDatabase(cfg)
  try {
    await database.migrate()
    out(`Migrations applied to ${cfg.databaseUrl ? 'PostgreSQL' : cfg.dataDir}.`)
  } finally {
    await database.close()
  }
}

async function seed(opts: { demo?: boolean; lang: 'zh-CN' | 'en' }) {
  if (!opts.demo)
    throw new AppError('invalid', 'usage', 'Say what to seed: openkam seed --demo [--lang zh-CN|en]')
  const cfg = config()
  connectModules()
  const database = await openDatabase(cfg)
  try {
    await database.migrate()
    if (await findWorkspaceBySlug(database.db, 'demo')) {
      out('The demo workspace exists already; nothing to do.')
      return
    }
    const boss = await startBoss(database, 'api')
    try {
      const events = new OutboxEventSink(boss, new HandlerRegistry())
      const admin =
        cfg.adminEmail && cfg.adminPassword
          ? { email: cfg.adminEmail, password: cfg.adminPassword }
          : undefined
      await database.db.transaction((tx) => seedDemo(tx, events, { lang: opts.lang, admin }))
    } finally {
      await boss.stop({ graceful: true, wait: true })
    }
    out(`Demo workspace created (${opts.lang}). Sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}.`)
  } finally {
    await database.close()
  }
}

async function importFile(opts: ImportCommandOptions) {
  const cfg = config()
  connectModules()
  const database = await openDatabase(cfg)
  let code = 1
  try {
    await database.migrate()
    const boss = await startBoss(database, 'api')
    try {
      code = await importCommand(database.db, new OutboxEventSink(boss, new HandlerRegistry()), opts, out)
    } finally {
      await boss.stop({ graceful: true, wait: true })
    }
  } finally {
    await database.close()
  }
  if (code !== 0) process.exit(code)
}

/**
 * Runs an operator command against the database with the server's modules but no background work: on
 * PostgreSQL beside running servers (their workers handle the events), embedded only while the server is
 * stopped (the data folder is locked). Exits with the command's code.
 */
async function withRuntime(work: (rt: Runtime) => Promise<number>) {
  const rt = await startRuntime(config(), { role: 'api' })
  let code = 1
  try {
    code = await work(rt)
  } finally {
    await rt.stop()
  }
  process.exit(code)
}
const fail = (s: string) => process.stderr.write(`${s}\n`)

/**
 * `openkam secrets rotate`: re-encrypts every stored secret from the old key (--from-key-file or
 * --from-key) to the current one (OPENKAM_SECRET_KEY, else the data folder's secret.key — created when
 * missing), in one transaction. The embedded database must not be in use (the data folder lock).
 */
async function secretsRotate(opts: { fromKeyFile?: string; fromKey?: string }) {
  if (Boolean(opts.fromKeyFile) === Boolean(opts.fromKey))
    throw new AppError('invalid', 'usage', 'Give the old key: --from-key-file <file> or --from-key <base64>')
  const cfg = config()
  const from = new SecretBox(keyFromBase64(opts.fromKey ?? fs.readFileSync(opts.fromKeyFile!, 'utf8')))
  const to = secretBoxFor(cfg)
  const probe = to.seal('probe')
  let same = false
  try {
    same = from.open(probe) === 'probe'
  } catch {
    same = false
  }
  if (same)
    throw new AppError(
      'invalid',
      'usage',
      'The old key is the current key: set OPENKAM_SECRET_KEY to the new key (or move the old secret.key aside) first',
    )
  connectModules()
  const database = await openDatabase(cfg)
  try {
    await database.migrate()
    const counts = await rotateSecrets(database.db, storedSecrets(), from, to)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    out(
      `Re-encrypted ${total} stored secret(s) under the new key (${Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}).`,
    )
  } finally {
    await database.close()
  }
}

const lang = (v: string) => {
  if (v !== 'zh-CN' && v !== 'en') throw new Error('--lang must be zh-CN or en')
  return v
}

export async function main(argv: string[]) {
  const program = new Command()
    .name('openkam')
    .description('OpenKAM — key-account management for B2B companies')
    .version(VERSION)
  program
    .command('start')
    .description('serve the API and web app (embedded database unless DATABASE_URL is set)')
    .option('--demo', 'create the demo workspace when the database is empty')
    .option('--lang <lang>', 'demo language: zh-CN or en', lang, 'zh-CN')
    .option('--api-only', 'with PostgreSQL: do not run background jobs here (run `openkam worker` instead)')
    .action(start)
  program
    .command('worker')
    .description('run background jobs and event handlers (PostgreSQL only)')
    .action(worker)
  program.command('migrate').description('apply database migrations').action(migrate)
  program
    .command('backup <file>')
    .description('back up the database to a file (embedded: also while the server runs; PostgreSQL: pg_dump)')
    .action(async (file: string) =>
      process.exit(await runCommand(fail, () => backupCommand(config(), file, out))),
    )
  program
    .command('restore <file>')
    .description('restore a backup into an empty data folder (embedded) or an empty database (DATABASE_URL)')
    .option('--force', 'replace the database already in the data folder or DATABASE_URL')
    .option(
      '--key-file <file>',
      "embedded: the installation's saved secret.key, put back into the data folder",
    )
    .action(async (file: string, o: RestoreOptions) =>
      process.exit(await runCommand(fail, () => restoreCommand(config(), file, o, out))),
    )
  program
    .command('secrets')
    .description('stored secrets (webhook secrets, SMTP and SMS passwords, finance credentials)')
    .command('rotate')
    .description('re-encrypt every stored secret from the old key to the current one')
    .option('--from-key-file <file>', 'the old key file (base64 of 32 bytes, e.g. a moved secret.key)')
    .option('--from-key <base64>', 'the old OPENKAM_SECRET_KEY')
    .action(secretsRotate)
  program
    .command('seed')
    .description('create sample data')
    .option('--demo', 'the demo workspace')
    .option('--lang <lang>', 'zh-CN or en', lang, 'zh-CN')
    .action(seed)
  program
    .command('import')
    .description(
      "import accounts, contacts, activities, leads or a custom object's records from a CSV or .xlsx file",
    )
    .requiredOption('--workspace <slug>', 'the workspace to import into')
    .requiredOption('--as <email>', 'the person importing (their permissions apply; they own the records)')
    .requiredOption('--object <object>', "accounts, contacts, activities, leads or a custom object's key")
    .requiredOption('--file <path>', 'the .csv or .xlsx file')
    .option('--mapping <path>', 'a JSON file {"column header": "field"}')
    .option('--valid-rows', 'import the valid rows even if others are refused (default: all or nothing)')
    .option('--on-duplicate <action>', 'report (default), skip, or update the existing records')
    .option('--source <name>', 'a saved column mapping (Settings → Data → Import history) by name')
    .option('--dry-run', 'validate and report only')
    .action(importFile)
  const workspace = program
    .command('workspace')
    .description('the workspaces of this installation (operators)')
  workspace
    .command('create')
    .description(
      'create a workspace from a template with its first administrator (prints their password once)',
    )
    .requiredOption('--name <name>', 'the workspace name')
    .requiredOption('--admin-email <email>', 'the first administrator')
    .option('--admin-name <name>', "the administrator's name (default: the e-mail's local part)")
    .option('--template <key or file>', 'a built-in template (standard, saas) or a template file', 'standard')
    .option('--slug <key>', 'the workspace key (default: made from the name)')
    .option('--lang <lang>', 'the workspace language: zh-CN or en', lang, 'zh-CN')
    .action((o: WorkspaceCreateOptions) =>
      withRuntime((rt) => workspaceCreateCommand(rt.database.db, rt, o, out, fail)),
    )
  workspace
    .command('list')
    .description('list the workspaces with their numbers of people and accounts')
    .action(() => withRuntime((rt) => workspaceListCommand(rt.database.db, out)))
  const operator = program
    .command('operator')
    .description('instance operators: who may list and create workspaces in the web (Settings → Workspaces)')
  for (const action of ['grant', 'revoke'] as const) {
    operator
      .command(action)
      .description(
        `${action === 'grant' ? 'make' : 'stop'} a person ${action === 'grant' ? 'an' : 'being an'} operator`,
      )
      .requiredOption('--workspace <key>', 'the workspace of their user row')
      .requiredOption('--email <email>', 'their e-mail')
      .action((o: OperatorOptions) =>
        withRuntime((rt) => operatorCommand(rt.database.db, action, o, out, fail)),
      )
  }
  operator
    .command('list')
    .description('list the operators')
    .action(() => withRuntime((rt) => operatorListCommand(rt.database.db, out)))
  try {
    await program.parseAsync(argv)
  } catch (err) {
    if (err instanceof ConfigError || err instanceof AppError) {
      console.error(err.message)
    } else {
      console.error(err)
    }
    process.exit(1)
  }
}

await main(process.argv)
