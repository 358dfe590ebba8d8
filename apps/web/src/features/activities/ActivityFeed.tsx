import { Button, Card, List, Space, Tag, Typography } from 'antd'
import { useInfiniteQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../../shared/api/client'
import { useNamesOf, useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { can, useAuth } from '../../app/auth'
import { ActivityComposer, type ComposerKind } from './ActivityComposer'

type Activity = {
  id: string
  kind: string
  subject: string
  body: string | null
  occurredAt: string
  durationMinutes: number | null
  contactIds: string[]
  opportunityId: string | null
  ownerId: string | null
}

const kindColor: Record<string, string> = {
  meeting: 'blue',
  call: 'cyan',
  visit: 'geekblue',
  email: 'purple',
  note: 'default',
  enquiry: 'orange',
}

/**
 * A record's activity feed, newest first: the activities of a deal (`opportunityId`) or naming a contact
 * (`contactId`), with who took part, the deal, the length and the minutes.
 */
export function ActivityList({
  filter,
}: {
  filter: { opportunityId?: string; contactIds?: string; relatedType?: string; relatedId?: string }
}) {
  const { t } = useTranslation()
  const users = useUsers()
  const q = useInfiniteQuery({
    queryKey: ['activities', 'feed', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<Activity>>('/activities', { ...filter, sort: '-occurredAt', limit: 20, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const items = q.data?.pages.flatMap((p) => p.data) ?? []
  const names = useNamesOf({
    contacts: items.flatMap((a) => a.contactIds),
    opportunities: items.map((a) => a.opportunityId),
  })
  const userName = (id: string | null) => users.data?.data.find((u) => u.id === id)?.name
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  return (
    <>
      <List
        size="small"
        loading={q.isLoading}
        dataSource={items}
        locale={{ emptyText: t('activities.feed.empty') }}
        data-testid="activity-feed"
        renderItem={(a) => (
          <List.Item key={a.id} data-testid="activity-feed-item">
            <div style={{ width: '100%', minWidth: 0 }}>
              <Space wrap size={4}>
                <Tag color={kindColor[a.kind] ?? 'default'}>{t(`enums.activityKind.${a.kind}`)}</Tag>
                <Typography.Text type="secondary">
                  {dayjs(a.occurredAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
                {a.durationMinutes != null && (
                  <Typography.Text type="secondary">
                    · {t('activities.feed.minutes', { count: a.durationMinutes })}
                  </Typography.Text>
                )}
                {userName(a.ownerId) && (
                  <Typography.Text type="secondary">· {userName(a.ownerId)}</Typography.Text>
                )}
              </Space>
              <div>
                <Link to={`/activities/${a.id}`}>
                  <Typography.Text strong>{a.subject}</Typography.Text>
                </Link>
              </div>
              {(a.contactIds.length > 0 || (a.opportunityId && !filter.opportunityId)) && (
                <Space wrap size={4} style={{ marginTop: 2 }}>
                  {a.contactIds.length > 0 && (
                    <Typography.Text type="secondary">{t('activities.feed.with')}:</Typography.Text>
                  )}
                  {a.contactIds.map((c) => (
                    <Link key={c} to={`/contacts/${c}`}>
                      <Tag>{names[c] ?? '…'}</Tag>
                    </Link>
                  ))}
                  {a.opportunityId && !filter.opportunityId && (
                    <>
                      <Typography.Text type="secondary">{t('activities.feed.deal')}:</Typography.Text>
                      <Link to={`/opportunities/${a.opportunityId}`}>{names[a.opportunityId] ?? '…'}</Link>
                    </>
                  )}
                </Space>
              )}
              {a.body && a.body.trim() !== a.subject && (
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 3, expandable: 'collapsible' }}
                  style={{ marginTop: 4, marginBottom: 0, whiteSpace: 'pre-line' }}
                >
                  {a.body}
                </Typography.Paragraph>
              )}
            </div>
          </List.Item>
        )}
      />
      {q.hasNextPage && (
        <Button loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {t('activities.feed.loadMore')}
        </Button>
      )}
    </>
  )
}

/**
 * The activity card of a record page: the composer, preset with the record, above its feed. A deal's and
 * a contact's are the activities naming them; any other record's (a lead, a contract, a custom object's
 * record) are the activities about it (`related`).
 */
export function RecordActivities({
  accountId,
  opportunityId,
  contactId,
  related,
  kind = 'meeting',
}: {
  accountId?: string | null
  opportunityId?: string
  contactId?: string
  related?: { type: string; id: string }
  kind?: ComposerKind
}) {
  const { t } = useTranslation()
  const { me } = useAuth()
  return (
    <Card
      title={t('activities.feed.title')}
      size="small"
      data-testid="record-activities"
      style={{ marginTop: 16 }}
    >
      {can(me, 'activities', 'create') && (
        <div style={{ marginBottom: 12 }}>
          <ActivityComposer
            compact
            accountId={accountId}
            related={related}
            kind={kind}
            opportunityId={opportunityId}
            contactIds={contactId ? [contactId] : undefined}
          />
        </div>
      )}
      <ActivityList
        filter={
          related
            ? { relatedType: related.type, relatedId: related.id }
            : opportunityId
              ? { opportunityId }
              : { contactIds: contactId }
        }
      />
    </Card>
  )
}
