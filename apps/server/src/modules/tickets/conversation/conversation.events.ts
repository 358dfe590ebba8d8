declare module '../../../core/events/types' {
  interface EventMap {
    /** A reply or internal note was added to a ticket's conversation. */
    'ticket.message_added': {
      ticketId: string
      messageId: string
      visibility: 'public' | 'internal'
      authorUserId: string | null
      authorContactId: string | null
      accountId: string
      contactId: string | null
      number: string | null
    }
    /** The ticket's contact rated how it was handled (1–5), through their satisfaction link or the portal. */
    'ticket.rated': {
      ticketId: string
      accountId: string
      contactId: string | null
      score: number
      comment: string | null
      assigneeId: string | null
    }
  }
}

export {}
