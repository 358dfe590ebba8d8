import { z } from 'zod'
import { Id } from './common'

/** The objects global search looks in, in the order their hits are listed. */
export const searchObjects = [
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'contracts',
  'quotes',
  'orders',
  'invoices',
  'tickets',
] as const

/** `GET /api/v1/search`: one term over names, numbers, e-mails, phones, credit codes and domains. */
export const SearchQuery = z
  .object({
    q: z.string().trim().min(1, 'type at least one character').max(100),
    /** Hits per object (5 by default). */
    limit: z.coerce.number().int().min(1).max(20).default(5),
  })
  .strict()

export const SearchHit = z
  .object({
    object: z.enum(searchObjects),
    id: Id,
    /** The record's name (or number, or subject). */
    title: z.string(),
    /** The field that matched when it is not the title (e.g. `email`), and its value. */
    matchedField: z.string().nullable(),
    matchedValue: z.string().nullable(),
    /** The matched field's label in the caller's language. */
    matchedLabel: z.string().nullable(),
    accountId: Id.nullable(),
  })
  .meta({ id: 'SearchHit' })
export type SearchHit = z.infer<typeof SearchHit>

export const SearchResult = z.object({ data: z.array(SearchHit) }).meta({ id: 'SearchResult' })
export type SearchResult = z.infer<typeof SearchResult>
