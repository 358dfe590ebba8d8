import { useState } from 'react'
import { Alert, App, Button, List, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { DismissDialog } from './DismissDialog'
import { useAcceptSuggestion, useDismissSuggestion, type ExpansionSuggestion } from './expansion.queries'

const statusColor = { open: 'blue', accepted: 'green', dismissed: 'default' } as const

/** A module's or feature's key as read: its name when known, else its words (`data_sync` → "Data sync"). */
const productWords = (key: string) => {
  const words = key.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The figures behind a suggestion, as "label: value" pairs. */
function Evidence({ e }: { e: ExpansionSuggestion['evidence'] }) {
  const { t } = useTranslation()
  const shown = Object.entries(e).filter(([k, v]) => v !== null && k !== 'tier')
  const valueOf = (k: string, v: unknown) =>
    typeof v === 'number'
      ? v.toLocaleString()
      : k === 'industry'
        ? t(`enums.industry.${String(v)}`, { defaultValue: String(v) })
        : k === 'module' || k === 'feature'
          ? t(`insightExpansion.products.${String(v)}`, { defaultValue: productWords(String(v)) })
          : String(v)
  return (
    <Space size={[12, 0]} wrap>
      {shown.map(([k, v]) => (
        <Typography.Text key={k} type="secondary" style={{ fontSize: 12 }}>
          {t(`insightExpansion.evidence.${k}`, { defaultValue: k })}: {valueOf(k, v)}
        </Typography.Text>
      ))}
    </Space>
  )
}

/**
 * Suggestions with their reason and evidence; open ones can be accepted (creates the opportunity, with
 * links to it and to the pipeline board) or dismissed (asks why).
 */
export function SuggestionList({
  items,
  names,
  loading,
}: {
  items: ExpansionSuggestion[]
  /** Account names by id: shown when given (the Insight list, not the 360° card). */
  names?: Record<string, string>
  loading?: boolean
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const accept = useAcceptSuggestion()
  const dismiss = useDismissSuggestion()
  const [dismissing, setDismissing] = useState<string | null>(null)
  // Shown in the page, not in a toast: a toast renders outside the router, where links cannot live.
  const [accepted, setAccepted] = useState<{ id: string; name: string; ownerId: string | null } | null>(null)
  const onAccept = (s: ExpansionSuggestion) =>
    accept.mutate(s.id, {
      onSuccess: (opp) => setAccepted(opp),
      onError: (e) => void message.error((e as Error).message),
    })
  return (
    <>
      {accepted && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setAccepted(null)}
          style={{ marginBottom: 8 }}
          message={
            <span data-testid="accepted-message">
              {t('insightExpansion.accepted')}{' '}
              <Link to={`/opportunities/${accepted.id}`}>{accepted.name}</Link> ·{' '}
              <Link to={`/pipeline?owner=${accepted.ownerId ?? 'me'}`} data-testid="accepted-board-link">
                {t('insightExpansion.onBoard')}
              </Link>
            </span>
          }
        />
      )}
      <List
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('insightExpansion.empty') }}
        renderItem={(s) => (
          <List.Item
            data-testid={`suggestion-${s.id}`}
            actions={
              s.status === 'open'
                ? [
                    <Button
                      key="accept"
                      type="primary"
                      size="small"
                      loading={accept.isPending && accept.variables === s.id}
                      onClick={() => onAccept(s)}
                    >
                      {t('insightExpansion.accept')}
                    </Button>,
                    <Button key="dismiss" size="small" onClick={() => setDismissing(s.id)}>
                      {t('insightExpansion.dismiss.button')}
                    </Button>,
                  ]
                : s.opportunityId
                  ? [
                      <Link key="opp" to={`/opportunities/${s.opportunityId}`}>
                        {t('insightExpansion.opportunity')}
                      </Link>,
                    ]
                  : []
            }
            style={{ flexWrap: 'wrap' }}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <Tag color={s.kind === 'upsell' ? 'geekblue' : 'purple'}>
                    {t(`insightExpansion.kind.${s.kind}`)}
                  </Tag>
                  <Tag color={statusColor[s.status]}>{t(`insightExpansion.status.${s.status}`)}</Tag>
                  {names && <Link to={`/accounts/${s.accountId}`}>{names[s.accountId] ?? '…'}</Link>}
                </Space>
              }
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text>{s.reason}</Typography.Text>
                  <Evidence e={s.evidence} />
                  {s.dismissReason && (
                    <Typography.Text type="secondary">
                      {t('insightExpansion.dismissedBecause', { reason: s.dismissReason })}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <DismissDialog
        open={dismissing !== null}
        busy={dismiss.isPending}
        onCancel={() => setDismissing(null)}
        onDismiss={(reason) =>
          dismiss.mutate(
            { id: dismissing!, reason },
            {
              onSuccess: () => {
                setDismissing(null)
                void message.success(t('insightExpansion.dismissed'))
              },
              onError: (e) => void message.error((e as Error).message),
            },
          )
        }
      />
    </>
  )
}
