import { useState } from 'react'
import { App, Button, Card, Segmented, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../../app/auth'
import { scopeOf } from '../../settings/common'
import { ErrorState } from '../../../shared/ui/states'
import { useAccountNames } from '../../pipeline/board'
import { RetentionCard } from './RetentionCard'
import { SuggestionList } from './SuggestionList'
import { useGenerateSuggestions, useSuggestions } from './expansion.queries'

const STATUSES = ['open', 'accepted', 'dismissed'] as const

/** Insight → Expansion: cross-sell and upsell suggestions (accept, dismiss, a status filter) and revenue retention. */
export default function ExpansionPanel() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open')
  const [cursors, setCursors] = useState<string[]>([])
  const q = useSuggestions({ status, cursor: cursors.at(-1) })
  const names = useAccountNames(q.data?.data.map((s) => s.accountId) ?? [])
  const generate = useGenerateSuggestions()
  const canGenerate = scopeOf(me, 'workspace', 'update') === 'all'
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="expansion-panel">
      <Card
        title={t('insightExpansion.title')}
        extra={
          <Space wrap>
            <Segmented
              size="small"
              value={status}
              onChange={(v) => {
                setStatus(v as typeof status)
                setCursors([])
              }}
              options={STATUSES.map((s) => ({ value: s, label: t(`insightExpansion.status.${s}`) }))}
            />
            {canGenerate && (
              <Button
                size="small"
                loading={generate.isPending}
                onClick={() =>
                  generate.mutate(undefined, {
                    onSuccess: () => void message.info(t('insightExpansion.generating')),
                    onError: (e) => void message.error((e as Error).message),
                  })
                }
              >
                {t('insightExpansion.generate')}
              </Button>
            )}
          </Space>
        }
      >
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <SuggestionList items={q.data?.data ?? []} names={names} loading={q.isLoading || q.isFetching} />
            {(cursors.length > 0 || q.data?.nextCursor) && (
              <Space style={{ marginTop: 8 }}>
                <Button
                  size="small"
                  disabled={!cursors.length}
                  onClick={() => setCursors(cursors.slice(0, -1))}
                >
                  {t('insightExpansion.previous')}
                </Button>
                <Button
                  size="small"
                  disabled={!q.data?.nextCursor}
                  onClick={() => setCursors([...cursors, q.data!.nextCursor!])}
                >
                  {t('insightExpansion.next')}
                </Button>
              </Space>
            )}
          </>
        )}
      </Card>
      <RetentionCard />
    </Space>
  )
}
