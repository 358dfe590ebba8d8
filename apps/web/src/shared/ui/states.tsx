import { Suspense, lazy } from 'react'
import { Button, Empty, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'

export { LoadingState } from './loading'

export type ErrorStateProps = { error: unknown; onRetry?: () => void }

// antd's Result brings its three illustrations (~9 KB compressed): loaded when an error is first shown. If
// even that fails (the server is out of reach), the error shows in plain text.
const ErrorResult = lazy(() => import('./error-result').catch(() => ({ default: PlainError })))

export function ErrorState(props: ErrorStateProps) {
  return (
    <Suspense fallback={null}>
      <ErrorResult {...props} />
    </Suspense>
  )
}

function PlainError({ error, onRetry }: ErrorStateProps) {
  const { t } = useTranslation()
  const notFound = error instanceof ApiError && error.status === 404
  return (
    <div role="alert" style={{ padding: 24, textAlign: 'center' }}>
      <Typography.Title level={4}>
        {notFound ? t('common.notFound') : t('common.errorTitle')}
      </Typography.Title>
      {!notFound && (
        <Typography.Paragraph type="secondary">
          {error instanceof Error ? error.message : String(error)}
        </Typography.Paragraph>
      )}
      {onRetry && !notFound && (
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  )
}

export function EmptyState({
  description,
  action,
}: {
  description?: string
  action?: { label: string; onClick: () => void }
}) {
  const { t } = useTranslation()
  return (
    <Empty description={description ?? t('common.emptyTitle')}>
      {action && (
        <Button type="primary" onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </Empty>
  )
}
