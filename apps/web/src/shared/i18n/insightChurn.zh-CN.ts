import type { insightChurnEn } from './insightChurn.en'

/** 流失风险面板与客户 360° 流失风险卡片的中文文案。 */
export const insightChurnZh: typeof insightChurnEn = {
  model: {
    title: '流失模型',
    trained: '已训练',
    insufficient: '历史数据不足',
    auc: '留出集 AUC',
    aucHelp: '在模型未学习过的客户上，流失客户排在续约客户之前的概率（0.5 = 随机猜测，1 = 完美）',
    samples: '已结束合同',
    split: '{{train}} 份用于学习，{{test}} 份留作验证',
    trainedAt: '训练时间',
    never: '从未',
    train: '立即训练',
    training: '训练中…',
    trainStarted: '已开始训练',
    failed: '上次训练失败：{{error}}',
    nightly: '每晚根据已记录的续约与流失重新训练。',
  },
  list: {
    title: '按流失风险排列的客户',
    account: '客户',
    risk: '流失风险',
    health: '健康分',
    drivers: '主要驱动因素',
    empty: '尚无客户评分：请先训练模型。',
  },
  driver: {
    raises: '提高风险（值 {{value}}，对数几率 {{contribution}}）',
    lowers: '降低风险（值 {{value}}，对数几率 {{contribution}}）',
  },
  card: {
    title: '流失风险',
    probability: '流失概率',
    besideHealth: '根据以往续约与流失预测——与健康分并列展示，绝不替代健康分。',
    drivers: '驱动因素',
    open: '查看全部客户风险',
  },
}
