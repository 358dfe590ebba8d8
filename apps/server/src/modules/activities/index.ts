export { activityCollection } from './activity.collection'
export { activities } from './activity.table'
