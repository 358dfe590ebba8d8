import { useState } from 'react'
import { App, Button, Card, Descriptions, Space, Typography } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { del, get, post } from '../../shared/api/client'
import { useNames, useTeams, useUsers } from '../../shared/api/lookups'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { can, useAuth } from '../../app/auth'
import { FieldValue } from './display'
import { collections, labelOf, pathOf, recordFields, type CollectionMeta, type Field } from './meta'
import { useCollectionMeta } from './useCollectionMeta'
import { apiPathOf, listPathOf, recordPathOf } from './paths'
import { RecordForm } from './RecordForm'
import { useRecordShortcuts } from './record-shortcuts'
import { RuleRunsPanel } from '../automation'
import { showUndo } from '../../shared/ui/undo'
import { LeadPanel } from '../leads'
import { BuyingCommitteeCard } from '../accounts/BuyingCommitteeCard'
import { placeFields, shows } from '../layouts/layout'
import { useLayout } from '../layouts/layouts.queries'
import { ApprovalPanel } from '../approvals/ApprovalPanel'
import { RecordActivities, activityAbout } from '../activities'
import { DealPanels } from '../pipeline/DealPanels'
import { TicketAcknowledgementCard } from '../tickets/acknowledge/TicketAcknowledgementCard'
import { TicketConversation } from '../tickets/conversation/TicketConversation'
import { TicketSatisfaction } from '../tickets/satisfaction/TicketSatisfaction'
import { RoutedByNote } from '../tickets/routing'

/** A record's fields in the layout's sections (each a card with its title and columns), or all in one card. */
function RecordDetails({
  meta,
  collection,
  record,
  names,
}: {
  meta: CollectionMeta
  collection: string
  record: Record<string, any>
  names: Record<string, string>
}) {
  const { t } = useTranslation()
  const layout = useLayout(collection)
  const items = (fields: Field[], columns: number) =>
    fields.map((f) => (
      <Descriptions.Item key={pathOf(f)} label={labelOf(f, t)} span={f.type === 'textarea' ? columns : 1}>
        <FieldValue field={f} record={record} names={names} />
      </Descriptions.Item>
    ))
  // Until the layout arrives (or if it cannot be read), every field in one card.
  if (!layout.data)
    return (
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          {items(recordFields(meta), 2)}
        </Descriptions>
      </Card>
    )
  const sections = placeFields(layout.data.sections, meta).filter(
    (s) => s.fields.length && shows(s.visibleWhen, record),
  )
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {sections.map((s) => (
        <Card key={s.id} title={s.title} size="small" data-section={s.id}>
          <Descriptions column={{ xs: 1, md: s.columns }} bordered size="small">
            {items(s.fields, s.columns)}
          </Descriptions>
        </Card>
      ))}
    </Space>
  )
}

/** One record of any collection: its fields, edit, delete with undo. */
export default function RecordPage({ collection, id }: { collection: string; id: string }) {
  const meta = useCollectionMeta(collection)
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [editing, setEditing] = useState(false)
  useRecordShortcuts(collection, id, can(me, collection, 'update') ? () => setEditing(true) : undefined)
  const rec = useQuery({
    queryKey: [collection, 'one', id],
    queryFn: () => get<Record<string, any>>(`${apiPathOf(collection)}/${id}`),
    enabled: !!meta,
  })
  const users = useUsers()
  const teams = useTeams()
  const r = rec.data
  const accountNames = useNames('accounts', r ? [r.accountId] : [])
  const contactNames = useNames('contacts', r ? [r.contactId, r.reportsToId, ...(r.contactIds ?? [])] : [])
  if (!meta) return <ErrorState error={new Error(collection)} />
  if (rec.isLoading) return <LoadingState />
  if (rec.isError || !r) return <ErrorState error={rec.error} onRetry={() => void rec.refetch()} />
  const names = {
    ...Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    ...Object.fromEntries((teams.data?.data ?? []).map((x) => [x.id, x.name])),
    ...accountNames.data,
    ...contactNames.data,
  }
  const about = activityAbout(collection, !!collections[collection], r as { id: string }, meta.fields)
  const remove = () =>
    modal.confirm({
      title: t('common.deleteConfirm', { count: 1 }),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: async () => {
        await del(`${apiPathOf(collection)}/${id}`)
        await qc.invalidateQueries({ queryKey: [collection] })
        showUndo(message, t('common.deleted', { count: 1 }), t('common.undo'), async () => {
          await post(`${apiPathOf(collection)}/${id}/restore`)
          await qc.invalidateQueries({ queryKey: [collection] })
          navigate(recordPathOf(collection, id))
        })
        navigate(listPathOf(collection))
      },
    })
  return (
    <>
      <div className="page-header">
        <div>
          <Typography.Text type="secondary">
            <Link to={listPathOf(collection)}>{t(`nav.${meta.title}`)}</Link>
          </Typography.Text>
          <Typography.Title level={1}>{r[meta.titleField]}</Typography.Title>
        </div>
        <Space>
          {can(me, collection, 'update') && (
            <Button type="primary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {can(me, collection, 'delete') && (
            <Button danger onClick={remove}>
              {t('common.delete')}
            </Button>
          )}
        </Space>
      </div>
      <RecordDetails meta={meta} collection={collection} record={r} names={names} />
      {collection === 'tickets' && <RoutedByNote ticket={r} names={names} />}
      {collection === 'leads' && <LeadPanel lead={r as never} />}
      {collection === 'opportunities' && <DealPanels deal={r as never} />}
      {collection === 'tickets' && <TicketAcknowledgementCard ticket={r as never} />}
      {collection === 'tickets' && <TicketSatisfaction ticket={r as never} />}
      {collection === 'tickets' && <TicketConversation ticket={r as never} />}
      {collection === 'contacts' && r.accountId && (
        <RecordActivities accountId={r.accountId} contactId={id} />
      )}
      {about && (
        <RecordActivities
          accountId={about.accountId}
          related={about.related}
          kind={collection === 'leads' ? 'call' : 'note'}
        />
      )}
      {collection === 'opportunities' && <BuyingCommitteeCard opportunity={r as never} />}
      <ApprovalPanel object={collection} recordId={id} />
      <RuleRunsPanel entityId={id} />
      <RecordForm collection={collection} open={editing} onClose={() => setEditing(false)} record={r} />
    </>
  )
}
