import type { Pipeline, PipelineStage } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { baseRecord } from '../../core/crud/mapping'
import type { FieldError } from '../../core/errors'
import { missingUsers } from '../users'
import { missingRoles, otherDefaultExists, unsetOtherDefaults } from './pipeline.repository'
import { pipelines } from './pipeline.table'

type Row = Record<string, any>

export const pipelineRecord = (r: Row): Pipeline => ({
  ...baseRecord(r),
  name: r.name,
  isDefault: r.isDefault,
  stages: r.stages ?? [],
  lossReasons: r.lossReasons ?? [],
  winReasons: r.winReasons ?? [],
  template: r.template ?? null,
})

const pick = (input: Row, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in input && input[k] !== undefined).map((k) => [k, input[k]]))

/**
 * Pipelines as a configuration collection (administrators change them, everyone reads them): audited,
 * evented, versioned. Exactly one live pipeline is the workspace default; waiver roles and the people
 * tasks go to must exist.
 */
export const pipelineCollection = new Collection<Pipeline, any, any>({
  name: 'pipelines',
  entity: 'pipeline',
  label: 'Pipeline',
  table: pipelines,
  toRecord: pipelineRecord,
  toColumns: (input) => pick(input, ['name', 'isDefault', 'stages', 'lossReasons', 'winReasons']),
  async validate(tx, ctx, c, before) {
    const errors: FieldError[] = []
    if (!c.isDefault) {
      if (before?.isDefault)
        errors.push({
          path: 'isDefault',
          message: 'the workspace needs a default pipeline: make another pipeline the default instead',
        })
      else if (!before && !(await otherDefaultExists(tx, ctx.ws, c.id)))
        errors.push({
          path: 'isDefault',
          message: 'the workspace has no default pipeline: make this one the default',
        })
    }
    const stages = (c.stages ?? []) as PipelineStage[]
    const roles = await missingRoles(
      tx,
      ctx.ws,
      stages.flatMap((s) => s.waiverRoles),
    )
    const userIds = stages.flatMap((s) =>
      s.tasks.flatMap((t) => (t.assignee.kind === 'user' ? [t.assignee.userId] : [])),
    )
    const users = new Set(await missingUsers(tx, ctx.ws, userIds))
    stages.forEach((s, i) => {
      const unknown = s.waiverRoles.filter((r) => roles.includes(r))
      if (unknown.length)
        errors.push({
          path: `stages.${i}.waiverRoles`,
          message: `no such role in this workspace: ${unknown.join(', ')}`,
        })
      s.tasks.forEach((t, j) => {
        if (t.assignee.kind === 'user' && users.has(t.assignee.userId))
          errors.push({ path: `stages.${i}.tasks.${j}.assignee`, message: 'no such user in this workspace' })
      })
    })
    return errors
  },
  async afterWrite(tx, ctx, id, input) {
    if (input.isDefault) await unsetOtherDefaults(tx, ctx.ws, id)
  },
  sortable: {
    name: { column: pipelines.name, kind: 'string' },
    updatedAt: { column: pipelines.updatedAt, kind: 'date' },
    createdAt: { column: pipelines.createdAt, kind: 'date' },
  },
  filterable: {
    isDefault: { column: pipelines.isDefault, kind: 'boolean' },
    template: { column: pipelines.template, kind: 'string' },
  },
  search: [pipelines.name],
  defaultSort: 'name',
})
