import { createHash } from 'node:crypto'
import { simpleParser } from 'mailparser'
import type { HeaderLookup } from './inbound-mail'

/** What the intake needs of a raw RFC 822 message. */
export type InboundMail = {
  /** The Message-ID, or `sha256:<hex>` of the raw message when it has none (the key of idempotency). */
  messageKey: string
  from: string | null
  subject: string
  text: string
  header: HeaderLookup
  attachments: { name: string; content: Buffer }[]
}

/**
 * Parses a raw message with mailparser: the sender's address (lower-case), the subject, the text part
 * (mailparser writes one from the HTML part when there is none) and the attached files (not the images
 * an HTML body shows inline).
 */
export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
  const from =
    m.from?.value
      .find((a) => a.address)
      ?.address?.trim()
      .toLowerCase() ?? null
  const id = m.messageId?.trim()
  return {
    messageKey: id ? id.slice(0, 500) : `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    from,
    subject: (m.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: m.text ?? '',
    header: (name) => m.headers.get(name.toLowerCase()),
    attachments: m.attachments
      .filter((a) => !a.related || a.contentDisposition === 'attachment')
      .map((a, i) => ({ name: a.filename ?? `attachment-${i + 1}`, content: a.content })),
  }
}
