import { useEffect, useRef, useState } from 'react'
import { Button, Checkbox, Tag, Timeline as AntTimeline, Typography } from 'antd'
import { useInfiniteQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { timelineKindValues } from '@openkam/contract'
import { get, type Page } from '../../shared/api/client'
import { EmptyState, ErrorState } from '../../shared/ui/states'
import { can, useAuth } from '../../app/auth'
import { ActivityComposer } from '../activities'

type Item = {
  kind: string
  at: string
  title: string
  refType: string
  refId: string
  subtype: string | null
}

const colors: Record<string, string> = {
  activity: 'blue',
  ticket: 'red',
  opportunity: 'green',
  marketing: 'purple',
  task: 'gray',
}
const subtypeGroup: Record<string, string> = {
  activity: 'activityKind',
  marketing: 'touchKind',
  ticket: 'ticketStatus',
  opportunity: 'opportunityStatus',
  task: 'taskStatus',
  quote: 'quoteStatus',
  order: 'orderStatus',
  contract: 'contractStatus',
  invoice: 'invoiceStatus',
  payment: 'paymentStatus',
}
const pathOf: Record<string, string> = {
  activity: 'activities',
  ticket: 'tickets',
  opportunity: 'opportunities',
  quote: 'quotes',
  order: 'orders',
  contract: 'contracts',
  invoice: 'invoices',
  payment: 'payments',
  marketing_touch: 'marketing-touches',
  task: 'tasks',
}

/**
 * The merged history of an account, newest first, filtered by kind, loading more as you scroll; above it
 * the composer (a note, a call, a meeting with the account's contacts, on one of its deals).
 */
export function AccountTimeline({ accountId, onLog }: { accountId: string; onLog?: () => void }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const composer = can(me, 'activities', 'create')
  const [kinds, setKinds] = useState<string[]>([])
  const sentinel = useRef<HTMLDivElement>(null)
  const q = useInfiniteQuery({
    queryKey: ['360', accountId, 'timeline', kinds],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<Item>>(`/accounts/${accountId}/timeline`, {
        limit: 30,
        cursor: pageParam,
        kinds: kinds.join(',') || undefined,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  useEffect(() => {
    const el = sentinel.current
    if (!el) return
    const io = new IntersectionObserver((entries) => {
      if (entries[0]?.isIntersecting && q.hasNextPage && !q.isFetchingNextPage) void q.fetchNextPage()
    })
    io.observe(el)
    return () => io.disconnect()
  }, [q])
  const items = q.data?.pages.flatMap((p) => p.data) ?? []
  return (
    <>
      {composer && (
        <div className="timeline-composer" style={{ marginBottom: 16 }}>
          <ActivityComposer compact accountId={accountId} />
        </div>
      )}
      <div className="toolbar">
        <Checkbox.Group
          aria-label={t('account360.timeline')}
          value={kinds}
          onChange={(v) => setKinds(v as string[])}
          options={timelineKindValues.map((k) => ({ value: k, label: t(`enums.timelineKind.${k}`) }))}
        />
      </div>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.isLoading && items.length === 0 ? (
        <EmptyState
          description={t('account360.noTimeline')}
          action={onLog && !composer ? { label: t('account360.logMeeting'), onClick: onLog } : undefined}
        />
      ) : (
        <AntTimeline
          items={items.map((i) => ({
            key: `${i.refType}:${i.refId}`,
            color: colors[i.kind] ?? 'blue',
            content: (
              <div data-testid="timeline-item">
                <Typography.Text type="secondary">{dayjs(i.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>{' '}
                <Tag>{t(`enums.timelineKind.${i.kind}`)}</Tag>
                {i.subtype && (
                  <Tag color="default">
                    {t(`enums.${subtypeGroup[i.kind]}.${i.subtype}`, { defaultValue: i.subtype })}
                  </Tag>
                )}
                <div className="timeline-item-title">
                  <Link
                    to={
                      i.kind === 'custom'
                        ? `/objects/${i.refType}/${i.refId}`
                        : `/${pathOf[i.refType] ?? i.refType}/${i.refId}`
                    }
                  >
                    {i.title}
                  </Link>
                </div>
              </div>
            ),
          }))}
        />
      )}
      <div ref={sentinel} />
      {q.hasNextPage ? (
        <Button loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      ) : (
        items.length > 0 && (
          <Typography.Text type="secondary">{t('account360.endOfTimeline')}</Typography.Text>
        )
      )}
    </>
  )
}
