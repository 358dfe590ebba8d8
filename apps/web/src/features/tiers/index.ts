export { TierRulesTab } from './TierRulesTab'
export { AccountTierCard } from './AccountTierCard'
export { TierTag } from './TierTag'
