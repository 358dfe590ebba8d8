type Lang = 'zh-CN' | 'en'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The e-mail to the customer's contact and the in-app note back, in the workspace's language. */
export const milestoneTexts = {
  request: (
    lang: Lang,
    v: { title: string; account: string; workspace: string; requester: string; expiresAt: Date },
  ) =>
    lang === 'en'
      ? {
          subject: `Please confirm: ${v.title}`,
          body: `${v.requester} of ${v.workspace} asks you to confirm that the milestone "${v.title}" for ${v.account} has been delivered. Open the link below; it works once and expires on ${day(v.expiresAt)}.`,
        }
      : {
          subject: `请确认里程碑：${v.title}`,
          body: `${v.workspace} 的 ${v.requester} 请您确认「${v.account}」的项目里程碑「${v.title}」已交付。请打开下方链接完成确认；链接仅可使用一次，将于 ${day(v.expiresAt)} 失效。`,
        },
  confirmed: (lang: Lang, v: { title: string; name: string }) =>
    lang === 'en'
      ? {
          subject: `Milestone confirmed: ${v.title}`,
          body: `${v.name} confirmed the milestone "${v.title}".`,
        }
      : { subject: `里程碑已确认：${v.title}`, body: `${v.name} 已确认里程碑「${v.title}」。` },
}
