export { DuplicatesModal } from './DuplicatesModal'
export { findDuplicates, takenAccount, type Duplicate, type DuplicateObject } from './duplicates.queries'
