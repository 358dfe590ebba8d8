import {
  Alert,
  AlertCounts,
  AlertCountsQuery,
  AlertNote,
  AlertResolve,
  alertResource,
  alertRuleResource,
  AlertSettings,
  AlertSnooze,
  IdParams,
  Problem,
} from '@openkam/contract'
import { z } from 'zod'
import type { Db } from '../../core/db/types'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import { registerExportRoute } from '../../core/http/export-routes'
import type { App } from '../../core/http/server'
import { alertCollection, alertRuleCollection } from './alert.collection'
import {
  acknowledgeAlert,
  alertCounts,
  loadAlertSettings,
  reopenAlert,
  resolveAlert,
  saveAlertSettings,
  snoozeAlert,
} from './alert.service'

const tags = ['alerts']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

/** The alerts collection, its actions, the centre's counts, the outcomes setting and the alert rules. */
export function registerAlertRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/alerts/counts',
    {
      schema: {
        tags,
        summary: 'Alerts by status, and unresolved alerts by severity (among those you can see)',
        querystring: AlertCountsQuery,
        response: { 200: AlertCounts, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => db.transaction((tx) => alertCounts(tx, req.ctx, req.query)),
  )
  registerExportRoute(app, db, alertCollection, alertResource.Record)
  registerCollectionRoutes(app, db, alertCollection, alertResource)
  const action = (
    path: string,
    summary: string,
    body: z.ZodType | null,
    run: (tx: any, ctx: any, id: string, body: any) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/alerts/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: Alert, ...errors },
        },
      },
      async (req) => db.transaction((tx) => run(tx, req.ctx, req.params.id, req.body)) as any,
    )
  action(
    'acknowledge',
    'Acknowledge an open alert (409 unless it is open)',
    AlertNote.optional(),
    (tx, ctx, id) => acknowledgeAlert(tx, ctx, id),
  )
  action(
    'snooze',
    'Snooze an unresolved alert until a future date; it reopens then if its condition still holds',
    AlertSnooze,
    snoozeAlert,
  )
  action(
    'resolve',
    'Resolve an alert with an outcome from the workspace list and a note',
    AlertResolve,
    resolveAlert,
  )
  action('reopen', 'Reopen an acknowledged, snoozed or resolved alert', AlertNote.optional(), (tx, ctx, id) =>
    reopenAlert(tx, ctx, id),
  )
  app.get(
    '/api/v1/alert-settings',
    {
      schema: {
        tags,
        summary: 'The outcomes an alert is resolved with',
        response: { 200: AlertSettings.extend({ version: z.number().int() }), 401: Problem },
      },
    },
    async (req) => loadAlertSettings(db, req.ctx.ws),
  )
  app.put(
    '/api/v1/alert-settings',
    {
      schema: {
        tags,
        summary: 'Replace the outcomes list (administrators)',
        body: AlertSettings,
        response: { 200: AlertSettings.extend({ version: z.number().int() }), ...errors },
      },
    },
    async (req) => db.transaction((tx) => saveAlertSettings(tx, req.ctx, req.body.outcomes)),
  )
  registerCollectionRoutes(app, db, alertRuleCollection, alertRuleResource, 'alerts')
}
