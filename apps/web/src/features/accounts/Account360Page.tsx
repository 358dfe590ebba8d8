import { Tabs } from '../../shared/ui/Tabs'
import { useMemo, useState } from 'react'
import { Card, Table, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTeams, useUsers } from '../../shared/api/lookups'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { can, useAuth } from '../../app/auth'
import { FieldValue } from '../records/display'
import { collections, fieldOf } from '../records/meta'
import { useCollectionMeta } from '../records/useCollectionMeta'
import { RecordForm } from '../records/RecordForm'
import { useRecordShortcuts } from '../records/record-shortcuts'
import { DecisionMap } from './DecisionMap'
import { AccountTimeline } from './Timeline'
import { ActivityComposerModal, type ComposerKind } from '../activities'
import { RuleRunsPanel } from '../automation'
import { AlertsCard } from '../alerts/AlertsCard'
import { objectName, RelatedRecords, useCustomObjects, type RelatedEntry } from '../objects'
import { AccountHeader } from './AccountHeader'
import { AccountOverview } from './AccountOverview'
import { useTabReveal } from './useTabReveal'
import './account360.css'
import { SatisfactionAverage } from '../tickets/satisfaction/TicketSatisfaction'
import { account360Query } from './account360.query'

type Form = { collection: string; initial: Record<string, unknown>; fields?: string[]; title: string } | null

/** A small table of records of one collection, linking to each; columns from the collection's metadata. */
function Records({
  collection,
  rows,
  names,
}: {
  collection: string
  rows: Record<string, any>[]
  names: Record<string, string>
}) {
  const { t } = useTranslation()
  const meta = collections[collection]!
  const cols = meta.columns.filter((c) => c !== 'accountId')
  if (rows.length === 0) return <EmptyState />
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={cols.map((key) => ({
        key,
        title: t(`fields.${key}`),
        render: (_: unknown, r: Record<string, any>) =>
          key === meta.titleField ? (
            <Link to={`/${collection}/${r.id}`}>{r[key]}</Link>
          ) : (
            <FieldValue field={fieldOf(meta, key)!} record={r} names={names} />
          ),
      }))}
    />
  )
}

/**
 * The account's 360° page: a compact header (essentials and quick actions) and the tabs right under it —
 * overview (fields, health, tier, handoff, renewals, milestones), decision map, timeline and every related
 * record. `?tab=` chooses the tab and brings it into view, as does every link to a tab. J / K and E work
 * as on any record page.
 */
export default function Account360Page() {
  const { id } = useParams()
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const [form, setForm] = useState<Form>(null)
  const [editing, setEditing] = useState(false)
  const [logging, setLogging] = useState<ComposerKind | null>(null)
  const data = useQuery(account360Query(id!))
  const users = useUsers()
  const teams = useTeams()
  const meta = useCollectionMeta('accounts')!
  const customObjects = useCustomObjects()
  const d = data.data
  // J / K step through the accounts list the person came from, E edits — as on every record page.
  useRecordShortcuts('accounts', id!, d && can(me, 'accounts', 'update') ? () => setEditing(true) : undefined)
  const { ref: tabsRef, reveal } = useTabReveal(!!d, params.get('tab'))
  const names = useMemo<Record<string, string>>(
    () => ({
      ...Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
      ...Object.fromEntries((teams.data?.data ?? []).map((x) => [x.id, x.name])),
      ...Object.fromEntries((d?.contacts ?? []).map((c: { id: string; name: string }) => [c.id, c.name])),
      ...(d ? { [d.account.id]: d.account.name } : {}),
    }),
    [users.data, teams.data, d],
  )
  if (data.isLoading) return <LoadingState rows={12} />
  if (data.isError || !d) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />
  const a = d.account
  const open = (
    collection: string,
    title: string,
    initial: Record<string, unknown> = {},
    fields?: string[],
  ) => setForm({ collection, title, initial: { accountId: a.id, ...initial }, fields })
  // The timeline composer in a dialog: the people met (the account's contacts) and the deal, as well.
  const logActivity = (kind: 'call' | 'meeting') => setLogging(kind)
  // Records of custom objects pointing at the account (e.g. site visits): a tab per relation field.
  const related = ((d.related ?? []) as RelatedEntry[]).map((entry, _i, all) => {
    const o = customObjects.data?.data.find((x) => x.key === entry.object)
    const one = o ? objectName(o, i18n.language, false) : entry.label
    const many = o ? objectName(o, i18n.language) : entry.pluralLabel
    // Two relation fields of one object to accounts: each tab says which.
    const field = all.filter((x) => x.object === entry.object).length > 1
    const label = field ? `${many} · ${entry.field}` : many
    return { entry, key: `related-${entry.object}-${entry.field}`, one, many, label }
  })
  const tabs = [
    'overview',
    'decision-map',
    'timeline',
    'opportunities',
    'commerce',
    'tickets',
    'marketing',
    'tasks',
    'alerts',
    ...related.map((r) => r.key),
  ]
  // An unknown tab in the address (an old link, a typo) shows the overview rather than nothing.
  const asked = params.get('tab') ?? 'overview'
  const tab = tabs.includes(asked) ? asked : 'overview'
  const commerce = ['contracts', 'orders', 'invoices', 'payments', 'quotes'] as const

  const showTab = (key: string, target?: string) => {
    setParams({ tab: key }, { replace: true })
    reveal(target)
  }

  return (
    <>
      <AccountHeader
        account={a}
        health={d.health}
        names={names}
        onShowTab={showTab}
        actions={{
          logCall: () => logActivity('call'),
          logMeeting: () => logActivity('meeting'),
          addTask: () =>
            open('tasks', t('account360.addTask'), {}, [
              'title',
              'assigneeId',
              'dueAt',
              'priority',
              'description',
            ]),
          addContact: () => open('contacts', t('account360.addContact')),
          edit: () => setEditing(true),
        }}
      />
      <Card size="small" className="account-tabs" ref={tabsRef} data-testid="account-tabs">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'overview',
              label: t('account360.overview'),
              children: <AccountOverview account={a} meta={meta} names={names} contacts={d.contacts} />,
            },
            {
              key: 'decision-map',
              label: `${t('account360.decisionMap')} (${d.contacts.length})`,
              children: (
                <DecisionMap
                  accountId={a.id}
                  canEdit={can(me, 'contacts', 'update')}
                  onAdd={(role) =>
                    open('contacts', t('account360.addContact'), role ? { buyingRole: role } : {})
                  }
                />
              ),
            },
            {
              key: 'timeline',
              label: t('account360.timeline'),
              children: <AccountTimeline accountId={a.id} onLog={() => logActivity('meeting')} />,
            },
            {
              key: 'opportunities',
              label: `${t('account360.opportunities')} (${d.opportunities.length})`,
              children: <Records collection="opportunities" rows={d.opportunities} names={names} />,
            },
            {
              key: 'commerce',
              label: t('account360.commerce'),
              children: commerce.map((c) => (
                <div key={c} style={{ marginBottom: 20 }}>
                  <Typography.Title level={5}>{t(`nav.${c}`)}</Typography.Title>
                  <Records collection={c} rows={d[c]} names={names} />
                </div>
              )),
            },
            {
              key: 'tickets',
              label: `${t('account360.tickets')} (${d.tickets.length})`,
              children: (
                <>
                  <SatisfactionAverage tickets={d.tickets} />
                  <Records collection="tickets" rows={d.tickets} names={names} />
                </>
              ),
            },
            {
              key: 'marketing',
              label: `${t('account360.marketing')} (${d.marketing.length})`,
              children: <Records collection="marketing-touches" rows={d.marketing} names={names} />,
            },
            {
              key: 'tasks',
              label: `${t('account360.tasks')} (${d.tasks.length})`,
              children: <Records collection="tasks" rows={d.tasks} names={names} />,
            },
            {
              key: 'alerts',
              label: `${t('account360.alerts')} (${d.alerts.length})`,
              children: <AlertsCard alerts={d.alerts as any[]} />,
            },
            ...related.map((r) => ({
              key: r.key,
              label: `${r.label} (${r.entry.records.length})`,
              children: (
                <RelatedRecords
                  accountId={a.id}
                  entry={r.entry}
                  name={{ one: r.one, many: r.many }}
                  names={names}
                  onNew={() =>
                    setForm({
                      collection: r.entry.object,
                      title: t('objects.related.newRecord', { name: r.one }),
                      initial: { custom: { [r.entry.field]: a.id } },
                    })
                  }
                />
              ),
            })),
          ]}
        />
      </Card>
      <div className="account-scroll-x">
        <RuleRunsPanel entityId={a.id} />
      </div>
      {form && (
        <RecordForm
          collection={form.collection}
          open
          title={form.title}
          initial={form.initial}
          fields={form.fields}
          onClose={() => setForm(null)}
          onSaved={() => void data.refetch()}
        />
      )}
      {logging && (
        <ActivityComposerModal
          open
          accountId={a.id}
          kind={logging}
          title={t(logging === 'call' ? 'account360.logCall' : 'account360.logMeeting')}
          onClose={() => setLogging(null)}
          onSaved={() => void data.refetch()}
        />
      )}
      <RecordForm
        collection="accounts"
        open={editing}
        record={a}
        onClose={() => setEditing(false)}
        onSaved={() => void data.refetch()}
      />
    </>
  )
}
