/** The clustering job's name (its own file so the read side names it without importing the job). */
export const CLUSTER_JOB = 'insight_clusters'
