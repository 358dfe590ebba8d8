import type { z } from 'zod'
import type { HandoffSettings, HandoffSettingsUpdate } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { diff, recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { workspaceLocale } from '../notifications'
import { DEFAULT_DUE_HOURS, DEFAULT_VALIDATION_DAYS, defaultChecklist } from './handoff-checklist'
import { findSettingsRow, saveSettingsRow } from './handoff.repository'

/** The workspace's handoff template; the defaults (in the workspace's language) until someone saves one. */
export async function loadHandoffSettings(
  tx: Executor,
  ws: string,
  forUpdate = false,
): Promise<HandoffSettings> {
  const row = await findSettingsRow(tx, ws, forUpdate)
  if (row)
    return {
      checklist: row.checklist,
      dueHours: row.dueHours,
      validationDays: row.validationDays,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    }
  const lang = (await workspaceLocale(tx, ws)) === 'en' ? 'en' : 'zh-CN'
  return {
    checklist: defaultChecklist(lang),
    dueHours: DEFAULT_DUE_HOURS,
    validationDays: DEFAULT_VALIDATION_DAYS,
    version: 1,
    updatedAt: null,
  }
}

/**
 * Changes the checklist template or the deadlines (administrators; a stale version answers 409).
 * Handoffs already open keep the checklist and deadlines they started with.
 */
export async function updateHandoffSettings(
  tx: Executor,
  ctx: Ctx,
  input: z.infer<typeof HandoffSettingsUpdate>,
): Promise<HandoffSettings> {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change the handoff settings')
  const current = await loadHandoffSettings(tx, ctx.ws, true)
  if (current.version !== input.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The handoff settings changed since you read them; reload them and apply your change again',
      { current },
    )
  const row = await saveSettingsRow(
    tx,
    ctx.ws,
    {
      checklist: input.checklist ?? current.checklist,
      dueHours: input.dueHours ?? current.dueHours,
      validationDays: input.validationDays ?? current.validationDays,
      version: current.version + 1,
    },
    ctx.principal.userId,
  )
  const after: HandoffSettings = {
    checklist: row.checklist,
    dueHours: row.dueHours,
    validationDays: row.validationDays,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  }
  const d = diff(current, after)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'handoff_settings', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  return after
}
