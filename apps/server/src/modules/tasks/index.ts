export { taskCollection } from './task.collection'
export { tasks } from './task.table'
