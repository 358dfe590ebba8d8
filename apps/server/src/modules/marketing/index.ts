export { touchCollection } from './touch.collection'
export { registerMarketingRoutes } from './touch.routes'
export { ingestTouches } from './touch.service'
export { marketingTouches } from './touch.table'
