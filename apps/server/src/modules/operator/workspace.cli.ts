import fs from 'node:fs'
import { runCommand } from '../../core/cli-exit'
import { randomBytes } from 'node:crypto'
import { OperatorWorkspaceCreate, TemplateFile } from '@openkam/contract'
import { AppError } from '../../core/errors'
import type { Db } from '../../core/db/types'
import { builtInTemplates } from '../templates'
import { findUserInWorkspace, grantOperator, listOperators, revokeOperator } from '../users'
import { createWorkspaceAsOperator, listWorkspaces, type CreateDeps } from './operator.service'

/** Exit codes of the workspace and operator commands (docs/operations.md). */
export { EXIT } from '../../core/cli-exit'

export type WorkspaceCreateOptions = {
  name: string
  adminEmail: string
  adminName?: string
  template?: string
  slug?: string
  lang?: 'zh-CN' | 'en'
}

type Out = (line: string) => void

/** A built-in template's key as is; otherwise a path to a template file, read and checked. */
function readTemplate(value: string | undefined): string | TemplateFile {
  if (!value) return 'standard'
  if (builtInTemplates.some((t) => t.key === value)) return value
  const keys = builtInTemplates.map((t) => t.key).join(', ')
  if (!fs.existsSync(value) || !fs.statSync(value).isFile()) {
    throw new AppError(
      'invalid',
      'unknown_template',
      `--template: no template ${value}; use ${keys} or a file`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(value, 'utf8'))
  } catch (e) {
    throw new AppError(
      'invalid',
      'bad_template',
      `--template: ${value} is not JSON (${(e as Error).message})`,
    )
  }
  const parsed = TemplateFile.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues[0]!
    throw new AppError(
      'invalid',
      'bad_template',
      `--template: ${value} is not a template file (${first.path.join('.') || 'file'}: ${first.message})`,
    )
  }
  return parsed.data
}

/** A password for the first administrator: 18 random bytes, printed once and stored only as a hash. */
export const generatePassword = () => randomBytes(18).toString('base64url')

/**
 * `openkam workspace create`: a workspace from a template with its first administrator, whose generated
 * password is printed once here and nowhere else (not logged, not audited, stored only as a hash).
 */
export function workspaceCreateCommand(
  db: Db,
  deps: CreateDeps,
  opts: WorkspaceCreateOptions,
  out: Out,
  fail: Out,
) {
  return runCommand(fail, async () => {
    const password = generatePassword()
    const parsed = OperatorWorkspaceCreate.safeParse({
      name: opts.name,
      slug: opts.slug,
      locale: opts.lang ?? 'zh-CN',
      adminEmail: opts.adminEmail,
      adminName: opts.adminName,
      adminPassword: password,
      template: 'standard',
    })
    if (!parsed.success) {
      const flag: Record<string, string> = { adminEmail: '--admin-email', adminName: '--admin-name' }
      const i = parsed.error.issues[0]!
      const key = String(i.path[0] ?? '')
      throw new AppError('invalid', 'usage', `${flag[key] ?? `--${key}`}: ${i.message}`)
    }
    const template = readTemplate(opts.template)
    const { workspace } = await createWorkspaceAsOperator(db, deps, { ...parsed.data, template })
    out(
      `Workspace "${workspace.name}" created (key ${workspace.slug}, template ${typeof template === 'string' ? template : template.name}).`,
    )
    out(`  administrator: ${parsed.data.adminEmail}`)
    out(`  initial password (shown once, stored only as a hash): ${password}`)
    out('  They sign in with it and change it under their name → Change password.')
  })
}

export function workspaceListCommand(db: Db, out: Out) {
  return runCommand(out, async () => {
    const { data } = await listWorkspaces(db)
    if (!data.length) return out('No workspaces yet: openkam workspace create --name … --admin-email …')
    const rows = data.map((w) => [
      w.slug,
      w.name,
      w.createdAt.slice(0, 10),
      String(w.users),
      String(w.accounts),
    ])
    const head = ['KEY', 'NAME', 'CREATED', 'PEOPLE', 'ACCOUNTS']
    const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    for (const r of [head, ...rows])
      out(
        r
          .map((c, i) => c.padEnd(width[i]!))
          .join('  ')
          .trimEnd(),
      )
  })
}

export type OperatorOptions = { workspace: string; email: string }

/** `openkam operator grant|revoke`: the operator right of one user row (a workspace's key and an e-mail). */
export function operatorCommand(
  db: Db,
  action: 'grant' | 'revoke',
  opts: OperatorOptions,
  out: Out,
  fail: Out,
) {
  return runCommand(fail, async () => {
    const u = await findUserInWorkspace(db, opts.workspace, opts.email)
    if (!u) {
      throw new AppError(
        'not_found',
        'not_found',
        `No user ${opts.email} in a workspace with the key ${opts.workspace} (openkam workspace list shows the keys)`,
      )
    }
    const changed = await (action === 'grant' ? grantOperator : revokeOperator)(db, u.workspaceId, u.userId)
    const what = action === 'grant' ? 'is an operator' : 'is no longer an operator'
    out(`${u.email} (${opts.workspace}) ${what}${changed ? '' : ' (no change)'}.`)
  })
}

export function operatorListCommand(db: Db, out: Out) {
  return runCommand(out, async () => {
    const list = await listOperators(db)
    if (!list.length) return out('No operators: openkam operator grant --workspace <key> --email <e-mail>')
    for (const o of list) out(`${o.email}  ${o.workspace}  ${o.name}`)
  })
}
