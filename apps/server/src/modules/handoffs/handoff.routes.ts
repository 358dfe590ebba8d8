import {
  Handoff,
  handoffResource,
  HandoffSettings,
  HandoffSettingsUpdate,
  HandoffValidate,
  IdParams,
  Problem,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import { registerExportRoute } from '../../core/http/export-routes'
import type { App } from '../../core/http/server'
import { loadHandoffSettings, updateHandoffSettings } from './handoff-settings.service'
import { handoffCollection } from './handoff.collection'
import { submitHandoff, validateHandoff, type HandoffDeps } from './handoff.service'

const tags = ['handoffs']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

/** The handoffs collection, its two steps (submit, validate) and the workspace's handoff settings. */
export function registerHandoffRoutes(app: App, db: Db, deps: HandoffDeps) {
  registerExportRoute(app, db, handoffCollection, handoffResource.Record)
  registerCollectionRoutes(app, db, handoffCollection, handoffResource)
  app.post(
    '/api/v1/handoffs/:id/submit',
    {
      schema: {
        tags,
        summary:
          'Submit the handoff (the sales owner): every checklist item must be done, else 422 handoff_incomplete with `missing`',
        params: IdParams,
        response: { 200: Handoff, 422: Problem, ...errors },
      },
    },
    async (req) => db.transaction((tx) => submitHandoff(tx, req.ctx, deps, req.params.id)),
  )
  app.post(
    '/api/v1/handoffs/:id/validate',
    {
      schema: {
        tags,
        summary: 'Validate a submitted handoff (the CSM): the needs are understood and met',
        params: IdParams,
        body: HandoffValidate,
        response: { 200: Handoff, ...errors },
      },
    },
    async (req) => db.transaction((tx) => validateHandoff(tx, req.ctx, deps, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/handoff-settings',
    {
      schema: {
        tags,
        summary: 'The checklist template and deadlines every new handoff starts with',
        response: { 200: HandoffSettings, 401: Problem },
      },
    },
    async (req) => loadHandoffSettings(db, req.ctx.ws),
  )
  app.put(
    '/api/v1/handoff-settings',
    {
      schema: {
        tags,
        summary:
          'Change the checklist template or deadlines (administrators; send the version you read, a stale one answers 409)',
        body: HandoffSettingsUpdate,
        response: { 200: HandoffSettings, ...errors },
      },
    },
    async (req) => db.transaction((tx) => updateHandoffSettings(tx, req.ctx, req.body)),
  )
}
