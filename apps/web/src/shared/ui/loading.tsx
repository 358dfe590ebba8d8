import { Skeleton } from 'antd'

/** A skeleton while a page's code or data loads: in its own module, so the first screen does not carry states.tsx's illustrations. */
export function LoadingState({ rows = 6 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} aria-busy="true" />
}
