import { AppError } from '../../core/errors'
import type { Principal } from '../../core/access/permissions'
import type { Db } from '../../core/db/types'
import { principalCache } from './access.cache'
import { startSession, type LoginMeta } from './auth.service'
import { hashToken } from './token'
import { emailOf, endSession, findLiveSession, personRows } from './workspace-links.repository'

const notFound = () => new AppError('not_found', 'not_found', 'Workspace was not found')

/** The session behind a request's token; API tokens have none (they belong to one workspace). */
async function sessionOf(db: Db, principal: Principal, token: string) {
  if (principal.kind !== 'user') return null
  return findLiveSession(db, principal.workspaceId, hashToken(token))
}

/**
 * The workspaces of the signed-in person (ADR 0025): their user rows, by the same e-mail, in the workspaces
 * where the password of this sign-in matched; the current one first is marked `current`.
 */
export async function myWorkspaces(db: Db, principal: Principal, token: string) {
  const s = await sessionOf(db, principal, token)
  const ids = s ? [...new Set([principal.workspaceId, ...s.linked])] : [principal.workspaceId]
  const email = s?.email ?? (await emailOf(db, principal.workspaceId, principal.userId ?? '')) ?? ''
  const rows = await personRows(db, email, ids)
  return {
    data: rows
      .filter((r) => r.active || r.workspaceId === principal.workspaceId)
      .map((r) => ({
        id: r.workspaceId,
        name: r.name,
        slug: r.slug,
        current: r.workspaceId === principal.workspaceId,
        lastUsedAt: r.lastLoginAt?.toISOString() ?? null,
      })),
  }
}

/**
 * A session in another of the person's workspaces for their user row there; this session ends.
 * 404 for a workspace the person does not belong to (or did not open with this sign-in's password),
 * 403 when their user row there is deactivated.
 */
export async function switchWorkspace(
  db: Db,
  principal: Principal,
  token: string,
  workspaceId: string,
  meta: Omit<LoginMeta, 'maxFailures'>,
) {
  if (principal.kind !== 'user') {
    throw new AppError('forbidden', 'forbidden', 'An API token belongs to one workspace; sign in to switch')
  }
  const s = await sessionOf(db, principal, token)
  if (!s || !s.linked.includes(workspaceId)) throw notFound()
  const [row] = await personRows(db, s.email, [workspaceId])
  if (!row) throw notFound()
  if (!row.active) {
    throw new AppError(
      'forbidden',
      'user_inactive',
      'Your account in that workspace is deactivated; ask its administrator to activate it',
    )
  }
  const session = await db.transaction(async (tx) => {
    await endSession(tx, principal.workspaceId, s.id)
    return startSession(tx, workspaceId, row.userId, {
      ...meta,
      linked: s.linked,
      audit: { ip: meta.ip, switchedFrom: principal.workspaceId },
    })
  })
  principalCache.drop(hashToken(token))
  return session
}
