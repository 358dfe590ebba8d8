import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import type { ErrorStateProps } from './states'

/** ErrorState's antd Result (its illustrations load with the first error shown, not with every page). */
export default function ErrorResult({ error, onRetry }: ErrorStateProps) {
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
