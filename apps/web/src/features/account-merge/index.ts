export { DuplicatesModal } from './DuplicatesModal'
export { MergeModal } from './MergeModal'
export { findDuplicates, mergesOf, type DuplicateCandidate } from './account-merge.queries'
export { MergeHistory } from './MergeHistory'
