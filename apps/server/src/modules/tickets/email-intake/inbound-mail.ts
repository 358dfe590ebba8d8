/**
 * Reading an inbound e-mail for the service desk, as pure functions of the parsed message: the ticket
 * number its subject carries, whether it is an automatic reply or a bounce (never answered, so no mail
 * loops), and the new text without the quoted history below it.
 */

/** `TK-10042` or `[TK-10042]` anywhere in a subject, as the reply and acknowledgement e-mails put it. */
const NUMBER = /(?:^|[^A-Za-z0-9-])(TK-\d{5,})(?![A-Za-z0-9])/i

/**
 * The ticket number a subject carries, upper-cased, or null.
 * @example ticketNumberIn('Re: [TK-10042] Re: Printer down') // → 'TK-10042'
 */
export function ticketNumberIn(subject: string | null | undefined): string | null {
  const m = NUMBER.exec(subject ?? '')
  return m ? m[1]!.toUpperCase() : null
}

/** Header values as mailparser gives them (lower-case names; structured values have a `value`). */
export type HeaderLookup = (name: string) => unknown

const text = (v: unknown): string => {
  if (v == null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'object' && 'value' in (v as object)) return String((v as { value: unknown }).value ?? '')
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text ?? '')
  return String(v)
}

/** `Return-Path: <>`, the null sender of delivery reports (mailparser gives an address list with no address). */
const nullSender = (v: unknown) => {
  if (v == null) return false
  if (typeof v === 'string') return v.trim() === '<>'
  const list = (v as { value?: unknown }).value
  return Array.isArray(list) && list.every((a) => !(a as { address?: string }).address)
}

const AUTO_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply', 'auto-reply'])
const DAEMONS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|no-?reply-?bounces?)$/i

/**
 * Why an e-mail must not be turned into a ticket or answered: `bounce` (a delivery report, from
 * mailer-daemon or postmaster, or with the empty return path), `auto_reply` (Auto-Submitted other than
 * `no`, an X-Autoreply / X-Autorespond header, or Precedence bulk/junk/list/auto_reply), or null.
 * @example automaticMail((h) => (h === 'auto-submitted' ? 'auto-replied' : undefined), 'ann@example.com') // → 'auto_reply'
 */
export function automaticMail(header: HeaderLookup, from: string | null): 'auto_reply' | 'bounce' | null {
  const local = (from ?? '').split('@')[0] ?? ''
  const type = text(header('content-type')).toLowerCase()
  if (DAEMONS.test(local) || type.startsWith('multipart/report') || nullSender(header('return-path')))
    return 'bounce'
  const submitted = text(header('auto-submitted')).trim().toLowerCase()
  if (submitted && submitted !== 'no') return 'auto_reply'
  if (header('x-autoreply') != null || header('x-autorespond') != null) return 'auto_reply'
  if (AUTO_PRECEDENCE.has(text(header('precedence')).trim().toLowerCase())) return 'auto_reply'
  return null
}

/** Lines where the quoted history of a reply begins, in the mail clients customers use in China and abroad. */
const HISTORY = [
  /^On .{4,200}wrote:\s*$/i,
  /^在.{2,200}写道[:：]\s*$/,
  /^-{2,}\s*(Original Message|原始邮件|Forwarded message|转发的邮件|回复的原邮件)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|发件人)\s*[:：].+$/,
]

/**
 * The new part of an e-mail's text: up to where the quoted history begins (an "On … wrote:" line, an
 * Outlook or Foxmail header block, `>` lines), trimmed. The whole text when that would leave nothing.
 * @example newText('Still broken.\n\nOn Mon, 1 Dec 2026 Ann wrote:\n> Fixed?') // → 'Still broken.'
 */
export function newText(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n')
  const cut = lines.findIndex((l) => HISTORY.some((re) => re.test(l.trim())))
  const kept = (cut >= 0 ? lines.slice(0, cut) : lines).filter((l) => !/^\s*>/.test(l))
  const out = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return out || body.trim()
}

/** At most `max` characters (code points), with an ellipsis when cut. */
export const clip = (s: string, max: number) => {
  const chars = [...s]
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…'
}
