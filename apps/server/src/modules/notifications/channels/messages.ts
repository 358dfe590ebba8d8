import { t, type Lang } from '../texts'

/** What a notification says, with its link already absolute when the workspace has an app URL. */
export type Message = { subject: string; body: string; link: string | null }

/** The recipient of a group-robot message: their phone lets the robot @-mention them. */
export type Mention = { name: string; phone: string | null } | null

/** A link made absolute with the workspace's app URL (kept relative without one). */
export const absoluteLink = (link: string | null | undefined, appUrl: string | null | undefined) =>
  !link ? null : appUrl && link.startsWith('/') ? `${appUrl.replace(/\/+$/, '')}${link}` : link

const plain = (m: Message, lang: Lang) =>
  [m.subject, m.body, m.link ? t(lang, 'openLine', { url: m.link }) : ''].filter(Boolean).join('\n\n')

/** The e-mail of a notification (plain text). */
export const emailMessage = (m: Message, lang: Lang, to: string) => ({
  to,
  subject: m.subject,
  text: plain(m, lang),
})

/**
 * WeCom group robot: a `text` message that @-mentions the recipient by phone
 * (`mentioned_mobile_list`), or `markdown` when there is nobody to mention (markdown cannot mention).
 */
export function wecomMessage(m: Message, lang: Lang, to: Mention): Record<string, unknown> {
  if (to?.phone) {
    return { msgtype: 'text', text: { content: plain(m, lang), mentioned_mobile_list: [to.phone] } }
  }
  const lines = [`**${m.subject}**`, m.body, m.link ? `[${t(lang, 'open')}](${m.link})` : ''].filter(Boolean)
  return { msgtype: 'markdown', markdown: { content: lines.join('\n') } }
}

/**
 * DingTalk custom robot: `markdown` with `at.atMobiles`; the text carries `@<phone>`, which is
 * where DingTalk renders the mention.
 */
export function dingtalkMessage(m: Message, lang: Lang, to: Mention): Record<string, unknown> {
  const lines = [
    `### ${m.subject}`,
    m.body,
    m.link ? `[${t(lang, 'open')}](${m.link})` : '',
    to?.phone ? `@${to.phone}` : '',
  ].filter(Boolean)
  return {
    msgtype: 'markdown',
    markdown: { title: m.subject, text: lines.join('\n\n') },
    at: { atMobiles: to?.phone ? [to.phone] : [], isAtAll: false },
  }
}

/** Feishu custom robot: a `text` message (it mentions people by Feishu id only, so the name is written out). */
export function feishuMessage(m: Message, lang: Lang, to: Mention): Record<string, unknown> {
  const text = [to ? `@${to.name}` : '', plain(m, lang)].filter(Boolean).join(' ')
  return { msg_type: 'text', content: { text } }
}

/** A test message in the format of each endpoint kind. */
export function testMessage(kind: string, lang: Lang): Record<string, unknown> {
  const m: Message = { subject: t(lang, 'testSubject'), body: t(lang, 'testBody'), link: null }
  if (kind === 'wecom') return wecomMessage(m, lang, null)
  if (kind === 'dingtalk') return dingtalkMessage(m, lang, null)
  if (kind === 'feishu') return feishuMessage(m, lang, null)
  return { type: 'test', subject: m.subject, body: m.body, occurredAt: new Date().toISOString() }
}
