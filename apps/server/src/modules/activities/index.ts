export { activityCollection } from './activity.collection'
export { activities } from './activity.table'
export { moveLeadActivities } from './lead-activities'
export { setRecordLocator, type RecordLocator } from './related-record'
