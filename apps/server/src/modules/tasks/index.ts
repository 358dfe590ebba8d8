export { taskCollection } from './task.collection'
export { tasks } from './task.table'
export { taskJobs, remindDueTasks } from './task.jobs'
