import { Problem, SearchQuery, SearchResult } from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { messageLanguage } from '../../core/http/language'
import type { App } from '../../core/http/server'
import { globalSearch } from './search.service'

export function registerSearchRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['records'],
        summary:
          'Search accounts, contacts, leads, opportunities, contracts, quotes, orders, invoices and tickets at once: names, numbers, e-mails, phones, credit codes, domains and custom text',
        querystring: SearchQuery,
        response: { 200: SearchResult, 400: Problem, 401: Problem },
      },
    },
    async (req) => ({
      data: await db.transaction((tx) =>
        globalSearch(tx, req.ctx, req.query.q, req.query.limit, messageLanguage(req)),
      ),
    }),
  )
}
