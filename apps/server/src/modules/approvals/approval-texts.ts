type Lang = 'en' | 'zh-CN'
type Text = { subject: string; body: string }

/** The notes approvals send, in the workspace's language. `what` names the record (e.g. contract CT-1001). */
export const approvalTexts = {
  toDecide: (lang: Lang, what: string, step: string, by: string): Text =>
    lang === 'en'
      ? {
          subject: `Approval needed: ${what}`,
          body: `${by} asks for your approval of ${what} (step: ${step}).`,
        }
      : { subject: `待审批：${what}`, body: `${by} 提交了「${what}」的审批，请处理（步骤：${step}）。` },
  reminder: (lang: Lang, what: string, step: string, due: string): Text =>
    lang === 'en'
      ? {
          subject: `Reminder: approval of ${what}`,
          body: `The step "${step}" is due ${due.slice(0, 16).replace('T', ' ')} UTC.`,
        }
      : {
          subject: `审批提醒：${what}`,
          body: `审批步骤「${step}」将于 ${due.slice(0, 16).replace('T', ' ')}（UTC）到期。`,
        },
  escalated: (lang: Lang, what: string, step: string): Text =>
    lang === 'en'
      ? {
          subject: `Overdue approval escalated to you: ${what}`,
          body: `The step "${step}" passed its deadline; as the approvers' manager you may decide it.`,
        }
      : {
          subject: `审批超时已升级给您：${what}`,
          body: `审批步骤「${step}」已超时，您作为审批人的上级可以直接审批。`,
        },
  approved: (lang: Lang, what: string): Text =>
    lang === 'en'
      ? { subject: `Approved: ${what}`, body: `Every step approved ${what}.` }
      : { subject: `审批通过：${what}`, body: `「${what}」已通过全部审批步骤。` },
  rejected: (lang: Lang, what: string, by: string, reason: string): Text =>
    lang === 'en'
      ? { subject: `Rejected: ${what}`, body: `${by} rejected ${what}: ${reason}` }
      : { subject: `审批被驳回：${what}`, body: `${by} 驳回了「${what}」：${reason}` },
}

/** "contract CT-1001" / "合同 CT-1001". */
export const recordWords = (lang: Lang, objectLabel: string, name: string | null) =>
  name ? (lang === 'en' ? `${objectLabel.toLowerCase()} ${name}` : `${objectLabel} ${name}`) : objectLabel
