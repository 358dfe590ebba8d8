import type { insightEn } from './insight.en'

/** 洞察页框架的中文文案；各面板有自己的文件（insightClusters 等）。 */
export const insightZh: typeof insightEn = {
  title: '洞察',
  nav: '洞察',
  subtitle: '高价值客户的共同特征、客群对比、流失风险及其驱动因素、增购机会',
  tabs: { clusters: '高价值特征', cohorts: '客群对比', churn: '流失风险', expansion: '增购与交叉销售' },
}
