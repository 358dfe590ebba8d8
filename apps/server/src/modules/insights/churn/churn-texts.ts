import { MIN_OUTCOMES, MIN_PER_CLASS } from './churn-model'

type Lang = 'en' | 'zh-CN'

/** The churn model's explanations in the person's language. */
export const churnTexts = (lang: Lang) =>
  lang === 'zh-CN'
    ? {
        refusal: (c: { samples: number; churned: number; renewed: number }) =>
          `已结束的合同只有 ${c.samples} 份（流失 ${c.churned}、续约 ${c.renewed}）；模型至少需要 ${MIN_OUTCOMES} 份，且流失和续约各至少 ${MIN_PER_CLASS} 份`,
        neverTrained: '尚未训练流失模型：请开始训练',
        notScored: '该客户将在下次训练时评分',
      }
    : {
        refusal: (c: { samples: number; churned: number; renewed: number }) =>
          `${c.samples} ended contracts (${c.churned} churned, ${c.renewed} renewed); the model needs at least ${MIN_OUTCOMES}, with at least ${MIN_PER_CLASS} of each`,
        neverTrained: 'No churn model has been trained yet: start a training',
        notScored: 'The account is scored at the next training',
      }
