import type { Lang } from './handoff-checklist'

const day = (iso: string) => iso.slice(0, 10)

/** The in-app notes the handoff steps send, in the workspace's language. */
export const handoffTexts = {
  submitted: (lang: Lang, account: string, validationDueAt: string) =>
    lang === 'en'
      ? {
          subject: `Handoff submitted: ${account}`,
          body: `The sales owner handed ${account} over. Check the checklist and validate it by ${day(validationDueAt)}.`,
        }
      : {
          subject: `交接已提交：${account}`,
          body: `销售负责人已完成「${account}」的交接，请核对交接清单，并在 ${day(validationDueAt)} 前确认。`,
        },
  validated: (lang: Lang, account: string) =>
    lang === 'en'
      ? {
          subject: `Handoff validated: ${account}`,
          body: `The CSM confirmed that the needs of ${account} are understood and met.`,
        }
      : { subject: `交接已确认：${account}`, body: `客户成功经理已确认「${account}」的需求已被理解并满足。` },
}
