import { Card } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorState, LoadingState } from '../../../shared/ui/states'
import { SuggestionList } from './SuggestionList'
import { useSuggestions } from './expansion.queries'

/** The account's open cross-sell and upsell suggestions, on the 360° page. */
export function AccountExpansionCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const q = useSuggestions({ accountId, status: 'open' }, 10)
  return (
    <Card
      title={t('insightExpansion.card.title')}
      style={{ marginBottom: 16 }}
      extra={<Link to="/insight?tab=expansion">{t('insightExpansion.card.open')}</Link>}
      data-testid="account-expansion-card"
    >
      {q.isLoading ? (
        <LoadingState rows={2} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <SuggestionList items={q.data!.data} />
      )}
    </Card>
  )
}
