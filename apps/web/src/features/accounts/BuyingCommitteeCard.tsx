import { useState } from 'react'
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { committeeColumns } from './DecisionMap'
import { useDecisionMap, useOpportunityMap, useSetCommittee } from './decisionMap.queries'
import { GapList } from './GapList'

/**
 * A deal's buying committee (R-06), on the opportunity page: pick the contacts of the account who decide
 * this deal and see the committee's gaps; without a committee the deal shows its account's map.
 */
export function BuyingCommitteeCard({ opportunity }: { opportunity: { id: string; accountId: string } }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { me } = useAuth()
  const deal = useOpportunityMap(opportunity.id)
  const account = useDecisionMap(opportunity.accountId)
  const save = useSetCommittee(opportunity.id)
  const [draft, setDraft] = useState<string[] | null>(null)
  const editable = can(me, 'opportunities', 'update')
  if (deal.isLoading) return <LoadingState rows={4} />
  if (deal.isError || !deal.data) return <ErrorState error={deal.error} onRetry={() => void deal.refetch()} />
  const map = deal.data
  const chosen = draft ?? map.committeeContactIds
  const submit = (ids: string[]) =>
    save.mutate(ids, {
      onSuccess: () => {
        setDraft(null)
        void message.success(t('decisionMap.committee.saved'))
      },
      onError: (e) =>
        void message.error(
          e instanceof ApiError ? [e.message, ...e.errors.map((x) => x.message)].join(' · ') : String(e),
        ),
    })
  const own = map.scope === 'opportunity'
  return (
    <Card
      title={t('decisionMap.committee.title')}
      style={{ marginTop: 16 }}
      data-testid="buying-committee"
      extra={
        <Space>
          <Tag color={own ? 'blue' : undefined} data-testid="committee-scope">
            {own ? t('decisionMap.committee.own') : t('decisionMap.committee.account')}
          </Tag>
          <Link to={`/accounts/${opportunity.accountId}?tab=decision-map`}>
            {t('decisionMap.committee.openMap')}
          </Link>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('decisionMap.committee.intro')}</Typography.Paragraph>
      {editable && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Select
            mode="multiple"
            aria-label={t('decisionMap.committee.members')}
            placeholder={t('decisionMap.committee.pick')}
            style={{ width: '100%' }}
            value={chosen}
            onChange={setDraft}
            optionFilterProp="label"
            loading={account.isLoading}
            options={(account.data?.contacts ?? []).map((c) => ({
              value: c.id,
              label: c.buyingRole ? `${c.name} · ${t(`enums.buyingRole.${c.buyingRole}`)}` : c.name,
            }))}
          />
          <Button
            type="primary"
            loading={save.isPending}
            disabled={draft === null}
            onClick={() => submit(chosen)}
          >
            {t('decisionMap.committee.save')}
          </Button>
          {own && (
            <Button disabled={save.isPending} onClick={() => submit([])}>
              {t('decisionMap.committee.clear')}
            </Button>
          )}
        </Space.Compact>
      )}
      <GapList gaps={map.gaps} />
      <Table
        size="small"
        rowKey="id"
        dataSource={map.contacts}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(c) => ({ style: { opacity: c.former ? 0.45 : 1 } })}
        columns={committeeColumns(t, {
          key: 'name',
          title: t('fields.name'),
          render: (_, c) => <Link to={`/contacts/${c.id}`}>{c.name}</Link>,
        })}
      />
    </Card>
  )
}
