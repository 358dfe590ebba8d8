import type { SurveyKind } from '@openkam/contract'

type Lang = 'zh-CN' | 'en'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The standard question of each kind, when a survey does not set its own. */
export const defaultQuestion = (kind: SurveyKind, lang: Lang, workspace: string) =>
  kind === 'csat'
    ? lang === 'en'
      ? `Overall, how satisfied are you with ${workspace}?`
      : `总体而言，您对${workspace}的服务满意吗？`
    : lang === 'en'
      ? `How likely are you to recommend ${workspace} to a friend or colleague?`
      : `您有多大可能向朋友或同事推荐${workspace}？`

/** The invitation e-mail to a customer's contact, in the workspace's language. */
export const invitationText = (
  lang: Lang,
  v: { contact: string; account: string; workspace: string; question: string; expiresAt: Date },
) =>
  lang === 'en'
    ? {
        subject: `${v.workspace} would value your opinion`,
        body: `Dear ${v.contact},\n\n${v.question}\n\nOne question, and a comment if you like — it takes less than a minute. Your answer goes to the team that looks after ${v.account}. The link works once and expires on ${day(v.expiresAt)}.`,
      }
    : {
        subject: `${v.workspace} 诚邀您提出宝贵意见`,
        body: `${v.contact}，您好：\n\n${v.question}\n\n只需一个问题（也可留下意见），不到一分钟即可完成。您的回答将直接送达负责「${v.account}」的服务团队。链接仅可使用一次，将于 ${day(v.expiresAt)} 失效。`,
      }
