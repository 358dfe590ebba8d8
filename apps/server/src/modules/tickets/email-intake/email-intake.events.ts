declare module '../../../core/events/types' {
  interface EventMap {
    /** An e-mail reached the inbound endpoint: what became of it (a ticket, a message, or dropped and why). */
    'inbound_email.received': {
      logId: string
      from: string | null
      subject: string | null
      outcome: 'ticket_created' | 'message_added' | 'dropped'
      reason: string | null
      ticketId: string | null
    }
    /** An administrator generated a new token for the inbound endpoint (the previous one stopped working). */
    'inbound_email.token_generated': { tokenHint: string }
  }
}

export {}
