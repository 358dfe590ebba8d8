/** English messages of the churn-risk panel and the 360° churn card. */
export const insightChurnEn = {
  model: {
    title: 'Churn model',
    trained: 'Trained',
    insufficient: 'Not enough history',
    auc: 'Held-out AUC',
    aucHelp:
      'The chance the model ranks a churned account above a renewed one, measured on accounts it did not learn from (0.5 = guessing, 1 = perfect)',
    samples: 'Ended contracts',
    split: '{{train}} to learn from, {{test}} held out',
    trainedAt: 'Trained',
    never: 'Never',
    train: 'Train now',
    training: 'Training…',
    trainStarted: 'Training started',
    failed: 'The last training failed: {{error}}',
    nightly: 'Retrained every night from the renewals and churns recorded so far.',
  },
  list: {
    title: 'Accounts by churn risk',
    account: 'Account',
    risk: 'Churn risk',
    health: 'Health',
    drivers: 'Top drivers',
    empty: 'No account is scored yet: train the model first.',
  },
  driver: {
    raises: 'Raises the risk (value {{value}}, {{contribution}} log-odds)',
    lowers: 'Lowers the risk (value {{value}}, {{contribution}} log-odds)',
  },
  card: {
    title: 'Churn risk',
    probability: 'Probability of churn',
    besideHealth:
      'Predicted from past renewals and churns — shown beside the health score, never instead of it.',
    drivers: 'What drives it',
    open: 'All accounts by risk',
  },
}
