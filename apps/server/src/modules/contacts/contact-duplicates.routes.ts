import { ContactDuplicateQuery, PersonDuplicateAnswer, Problem } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { findContactDuplicates } from './contact-duplicates.service'

/** The duplicate check a contact form makes before saving (issue 18.7). */
export function registerContactDuplicateRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/contacts/duplicates',
    {
      schema: {
        tags: ['contacts'],
        summary:
          'Contacts that look like the one described: the same e-mail or phone in the workspace, or the same name at the same account',
        querystring: ContactDuplicateQuery,
        response: { 200: PersonDuplicateAnswer, 400: Problem },
      },
    },
    async (req) => ({ data: await findContactDuplicates(db, req.ctx, req.query) }),
  )
}
