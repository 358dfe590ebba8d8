export { ImportHistoryTab } from './ImportHistoryTab'
export { ImportMappingStep } from './ImportMappingStep'
