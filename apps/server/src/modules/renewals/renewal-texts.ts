type Lang = 'zh-CN' | 'en'

/** The task and opportunity texts of renewal work, in the workspace's language. */
export const renewalTexts = (
  lang: Lang,
  v: { number: string; endDate: string; account: string; days: number },
) =>
  lang === 'en'
    ? {
        taskTitle: `Re-check needs before ${v.number} ends (${v.endDate})`,
        taskBody: `The contract ${v.number} of ${v.account} ends in ${v.days} days. Review usage, satisfaction and new needs with the customer and prepare the renewal or upsell proposal (a draft renewal opportunity was created).`,
        opportunityName: `Renewal: ${v.account} (${v.number})`,
        opportunityBody: `Draft renewal created ${v.days} days before contract ${v.number} ends on ${v.endDate}.`,
      }
    : {
        taskTitle: `合同 ${v.number} 到期（${v.endDate}）前重新确认客户需求`,
        taskBody: `「${v.account}」的合同 ${v.number} 将在 ${v.days} 天后到期。请与客户回顾使用情况、满意度和新需求，并准备续约或增购方案（已自动创建续约商机草稿）。`,
        opportunityName: `续约：${v.account}（${v.number}）`,
        opportunityBody: `合同 ${v.number} 将于 ${v.endDate} 到期，提前 ${v.days} 天自动创建的续约商机草稿。`,
      }
