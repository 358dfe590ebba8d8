export { MergeModal } from './MergeModal'
export { mergesOf } from './account-merge.queries'
export { MergeHistory } from './MergeHistory'
export { MergeAccountButton } from './MergeAccountButton'
