import { Button, Empty, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'

export { LoadingState } from './loading'

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  const notFound = error instanceof ApiError && error.status === 404
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? t('common.notFound') : t('common.errorTitle')}
      subTitle={notFound ? undefined : error instanceof Error ? error.message : String(error)}
      extra={
        onRetry && !notFound ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
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
