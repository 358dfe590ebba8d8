export { LayoutsTab } from './LayoutsTab'
