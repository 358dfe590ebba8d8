/** English messages of the Insight section's frame; each panel has its own file (insightClusters, …). */
export const insightEn = {
  title: 'Insight',
  nav: 'Insight',
  subtitle: 'What the best accounts share, cohorts compared, churn risk with its drivers, and expansion',
  tabs: { clusters: 'High-value traits', cohorts: 'Cohorts', churn: 'Churn risk', expansion: 'Expansion' },
}
