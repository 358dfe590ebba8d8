import { lazy, Suspense } from 'react'
import type { RuleEntity } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { LoadingState } from '../../shared/ui/states'

/**
 * The automation feature's public surface for other pages. Each piece loads in its own chunk when first
 * shown, so Settings, the record page and the account page stay light.
 */
const RulesTabChunk = lazy(() => import('./RulesTab').then((m) => ({ default: m.RulesTab })))
const PlaybooksTabChunk = lazy(() => import('./PlaybooksTab').then((m) => ({ default: m.PlaybooksTab })))
const RunsPanelChunk = lazy(() => import('./RuleRunsPanel').then((m) => ({ default: m.RuleRunsPanel })))
const StartPlaybookChunk = lazy(() =>
  import('./StartPlaybookButton').then((m) => ({ default: m.StartPlaybookButton })),
)

export function AutomationTab() {
  return (
    <Suspense fallback={<LoadingState />}>
      <RulesTabChunk />
    </Suspense>
  )
}

export function PlaybooksTab() {
  return (
    <Suspense fallback={<LoadingState />}>
      <PlaybooksTabChunk />
    </Suspense>
  )
}

/** "Automation runs" for a record, for those who may read rules. */
export function RuleRunsPanel({ entityId }: { entityId: string }) {
  const { me } = useAuth()
  if (!can(me, 'rules', 'read')) return null
  return (
    <Suspense fallback={null}>
      <RunsPanelChunk entityId={entityId} />
    </Suspense>
  )
}

export function StartPlaybookButton(props: {
  relatedType: RuleEntity
  relatedId: string
  onStarted?: () => void
}) {
  const { me } = useAuth()
  if (!can(me, 'playbooks', 'read')) return null
  return (
    <Suspense fallback={null}>
      <StartPlaybookChunk {...props} />
    </Suspense>
  )
}
