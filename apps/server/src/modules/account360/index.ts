export { registerAccount360Routes } from './account360.routes'
export { account360, timelineKinds } from './account360.service'
