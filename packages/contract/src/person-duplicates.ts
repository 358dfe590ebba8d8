import { z } from 'zod'
import { Id } from './common'

/** Why two people (contacts, leads) look like the same one, strongest first. */
export const personDuplicateReasons = ['email', 'phone', 'name'] as const

const term = (max: number) => z.string().trim().max(max).optional()
const excludeId = Id.optional().describe('the record being edited (it is not its own duplicate)')

/** `GET /api/v1/contacts/duplicates`: the identifiers of a contact being created or edited. */
export const ContactDuplicateQuery = z
  .object({
    accountId: Id.optional().describe('the account the contact belongs to (a same name counts only there)'),
    name: term(100),
    email: term(200),
    phone: term(50),
    excludeId,
  })
  .strict()

/** `GET /api/v1/leads/duplicates`: the identifiers of a lead being created or edited. */
export const LeadDuplicateQuery = z
  .object({
    name: term(100),
    company: term(200),
    email: term(200),
    phone: term(50),
    excludeId,
  })
  .strict()

export const PersonDuplicateCandidate = z
  .object({
    id: Id,
    name: z.string(),
    on: z.enum(personDuplicateReasons),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    /** A contact's account (id and name); null for a lead. */
    accountId: Id.nullable(),
    accountName: z.string().nullable(),
    /** A lead's company; null for a contact. */
    company: z.string().nullable(),
    visible: z.boolean().describe('false when the caller may not open it (only its name is shown)'),
  })
  .meta({ id: 'PersonDuplicateCandidate' })
export type PersonDuplicateCandidate = z.infer<typeof PersonDuplicateCandidate>

export const PersonDuplicateAnswer = z.object({ data: z.array(PersonDuplicateCandidate) })
