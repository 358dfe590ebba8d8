import { z } from 'zod'
import {
  AccountMerge,
  AccountMergeBody,
  AccountMergeResult,
  DuplicateAnswer,
  DuplicateQuery,
  IdParams,
  Problem,
} from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { findAccountDuplicates } from '../accounts'
import { accountMergeHistory, mergeAccounts } from './account-merge.service'

/** Duplicate checks on create and rename, and merging two accounts (issue 18.7). */
export function registerAccountMergeRoutes(app: App, db: Db) {
  const tags = ['accounts']
  app.get(
    '/api/v1/accounts/duplicates',
    {
      schema: {
        tags,
        summary:
          'Accounts that look like the one described: same unified social credit code, same domain or website host, or a near-identical name',
        querystring: DuplicateQuery,
        response: { 200: DuplicateAnswer, 400: Problem },
      },
    },
    async (req) => ({ data: await findAccountDuplicates(db, req.ctx, req.query) }),
  )
  app.post(
    '/api/v1/accounts/:id/merge',
    {
      schema: {
        tags,
        summary:
          'Merge another account into this one: chosen fields taken over, every related record moved, the other soft-deleted pointing here',
        params: IdParams,
        body: AccountMergeBody,
        response: { 200: AccountMergeResult, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req) => {
      const r = await db.transaction((tx) => mergeAccounts(tx, req.ctx, req.params.id, req.body))
      return {
        survivorId: r.survivorId,
        mergedId: r.mergedId,
        fields: r.fields,
        moved: r.moved,
        mergedAt: r.mergedAt,
      }
    },
  )
  app.get(
    '/api/v1/accounts/:id/merges',
    {
      schema: {
        tags,
        summary:
          'The merges this account took part in (as the survivor or as the merged account), newest first',
        params: IdParams,
        response: { 200: z.object({ data: z.array(AccountMerge) }), 404: Problem },
      },
    },
    async (req) => ({ data: (await accountMergeHistory(db, req.ctx, req.params.id)) as never }),
  )
}
