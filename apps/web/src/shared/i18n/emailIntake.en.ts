/** Tickets from e-mail: the inbound endpoint's card in Settings → Channels. */
export const emailIntakeEn = {
  title: 'Incoming e-mail',
  help: 'Customers’ e-mails to your support address become tickets: give this address to your mail provider’s inbound webhook (or pipe mail to it from your own mail server). An e-mail from an active contact of a customer account opens a ticket — numbered, routed and acknowledged like any other — or, when its subject carries one of their tickets’ numbers (<code>TK-10042</code>), is added to that ticket as the customer’s reply. Anything else is not turned into a ticket and is listed below with the reason.',
  endpoint: 'Address to post e-mails to',
  endpointHelp:
    'POST each raw e-mail (<code>RFC 822</code>) as the request body with <code>Content-Type: message/rfc822</code>, at most {{mb}} MB.',
  tokenLabel: 'Token',
  tokenHeader: 'Send it in the <code>{{header}}</code> header, or as <code>?token=</code> in the address.',
  tokenSet: 'A token is set (ends in …{{hint}}, generated {{at}}).',
  noToken: 'No token yet: the address accepts nothing until you generate one.',
  generate: 'Generate token',
  regenerate: 'New token',
  regenerateConfirm: 'Generate a new token?',
  regenerateWarning:
    'The current token stops working at once: e-mails your mail provider sends with it are refused until you give it the new one.',
  generated: 'New token — shown only now',
  generatedHelp:
    'Copy it into your mail provider’s settings now. Only a fingerprint is kept; if it is lost, generate a new one.',
  example: 'Try it with an e-mail saved as a file:',
  log: 'Received e-mails',
  logHelp:
    'Every e-mail the address received, newest first: the ticket it opened or joined, or why it was dropped.',
  noLog: 'No e-mail received yet.',
  logEnd: 'That is every e-mail received.',
  time: 'Received',
  from: 'From',
  subject: 'Subject',
  result: 'Result',
  outcomes: {
    ticket_created: 'New ticket',
    message_added: 'Reply added',
    dropped: 'Dropped',
  },
  reasons: {
    unknown_sender: 'The sender is no active contact of a customer account',
    foreign_ticket: 'The ticket number is not one of the sender’s account',
    auto_reply: 'Automatic reply (out of office, mailing): never answered',
    bounce: 'Bounce or delivery report: never answered',
    no_sender: 'The e-mail has no sender',
  },
  skipped: 'Files not kept: {{files}}',
  skippedReasons: {
    type: 'type not accepted',
    size: 'larger than 10 MB',
    empty: 'empty',
    count: 'more than 10 files',
  },
}
