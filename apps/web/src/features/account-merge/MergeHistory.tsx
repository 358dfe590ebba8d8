import { Alert, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { mergesOf } from './account-merge.queries'
import './account-merge.messages'

/** The merges an account took part in, each linking to the other account's history (its audit trail). */
export function MergeHistory({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const merges = useQuery({ queryKey: ['accounts', 'merges', accountId], queryFn: () => mergesOf(accountId) })
  if (!merges.data?.length) return null
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('accountMerge.history')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="merge-history">
          {merges.data.map((m) => {
            const into = m.mergedId === accountId
            const date = dayjs(m.mergedAt).format('YYYY-MM-DD HH:mm')
            const otherId = into ? m.survivorId : m.mergedId
            return (
              <li key={m.id}>
                <Typography.Text>
                  {into
                    ? t('accountMerge.mergedInto', { name: m.survivorName, date })
                    : t('accountMerge.mergedFrom', { name: m.mergedName, date })}
                </Typography.Text>{' '}
                <Link to={`/settings/audit-log?entityType=account&entityId=${otherId}`}>
                  {t('accountMerge.otherHistory')}
                </Link>
              </li>
            )
          })}
        </ul>
      }
    />
  )
}
