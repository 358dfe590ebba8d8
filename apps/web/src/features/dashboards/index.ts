export { NorthStarStrip } from './NorthStarStrip'
export { NorthStarSettingsTab } from './NorthStarSettingsTab'
export { EffortCostsTab } from './EffortCostsTab'
