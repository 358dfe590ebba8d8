import { lazy, Suspense } from 'react'
import { LoadingState } from '../../../shared/ui/states'

export { RoutedByNote } from './RoutedByNote'

/** Settings → Ticket routing, loaded in its own chunk when first shown. */
const TabChunk = lazy(() => import('./RoutingRulesTab').then((m) => ({ default: m.RoutingRulesTab })))

export function TicketRoutingTab() {
  return (
    <Suspense fallback={<LoadingState />}>
      <TabChunk />
    </Suspense>
  )
}
