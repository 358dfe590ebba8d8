type Lang = 'zh-CN' | 'en'

/**
 * The e-mail that carries an agent's public reply to the ticket's contact, in the workspace's language.
 * The subject starts with the ticket number in brackets, so mail clients thread the conversation.
 */
export const replyMail = (
  lang: Lang,
  v: {
    number: string | null
    subject: string
    contact: string | null
    agent: string | null
    workspace: string
    body: string
    files: string[]
  },
) => {
  const tag = v.number ? `[${v.number}] ` : ''
  const files = v.files.length
    ? lang === 'en'
      ? `\n\nAttached in the ticket: ${v.files.join(', ')}`
      : `\n\n工单附件：${v.files.join('、')}`
    : ''
  return lang === 'en'
    ? {
        subject: `${tag}Re: ${v.subject}`,
        body: `Dear ${v.contact ?? 'customer'},\n\n${v.body}${files}\n\n— ${v.agent ?? v.workspace}, ${v.workspace}\nPlease keep the ticket number ${v.number ?? ''} in the subject when you write to us about this request.`,
      }
    : {
        subject: `${tag}回复：${v.subject}`,
        body: `${v.contact ?? '客户'}，您好：\n\n${v.body}${files}\n\n—— ${v.workspace} ${v.agent ?? ''}\n如就此请求再联系我们，请在主题中保留工单号 ${v.number ?? ''}。`,
      }
}
