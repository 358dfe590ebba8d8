import type { Lang } from '../notifications'

/** The e-mail with a portal sign-in link, in the workspace's (or the visitor's) language. */
export function portalLinkText(
  lang: Lang,
  p: { contact: string; workspace: string; minutes: number },
): { subject: string; body: string } {
  return lang === 'en'
    ? {
        subject: `Your sign-in link to the ${p.workspace} customer portal`,
        body: `Hello ${p.contact},\n\nopen the link below to sign in to the ${p.workspace} customer portal, where you can submit and follow your support tickets. It works once, within ${p.minutes} minutes.\n\nIf you did not ask for it, ignore this e-mail.`,
      }
    : {
        subject: `${p.workspace} 客户服务门户登录链接`,
        body: `${p.contact}，您好：\n\n请打开下面的链接登录 ${p.workspace} 客户服务门户，在那里提交和跟进您的服务工单。链接仅可使用一次，${p.minutes} 分钟内有效。\n\n如果这不是您本人的请求，请忽略此邮件。`,
      }
}
