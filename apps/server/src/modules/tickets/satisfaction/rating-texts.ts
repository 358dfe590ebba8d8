type Lang = 'zh-CN' | 'en'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The e-mail asking the contact to rate how their ticket was handled, in the workspace's language. */
export const ratingMail = (
  lang: Lang,
  v: { number: string | null; subject: string; contact: string; workspace: string; expiresAt: Date },
) => {
  const tag = v.number ? `[${v.number}] ` : ''
  return lang === 'en'
    ? {
        subject: `${tag}How did we do? ${v.subject}`,
        body: `Dear ${v.contact},\n\nYour request "${v.subject}"${v.number ? ` (${v.number})` : ''} has been resolved. How satisfied are you with how ${v.workspace} handled it? One tap from 1 (very poor) to 5 (very good), and a comment if you like.\n\nThe link works once and expires on ${day(v.expiresAt)}.`,
      }
    : {
        subject: `${tag}请为本次服务评分：${v.subject}`,
        body: `${v.contact}，您好：\n\n您的请求「${v.subject}」${v.number ? `（${v.number}）` : ''}已处理完毕。您对${v.workspace}的处理满意吗？请从 1 分（很不满意）到 5 分（非常满意）打分，也可以留下意见。\n\n链接仅可使用一次，将于 ${day(v.expiresAt)} 失效。`,
      }
}
