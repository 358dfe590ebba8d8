import { useState } from 'react'
import { Button, Card, Space, Table, Typography } from 'antd'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Approval } from '@openkam/contract'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { Tabs } from '../../shared/ui/Tabs'
import { ApprovalActions } from './ApprovalActions'
import { ApprovalStatusTag, currentStepLabel, formatTime, recordLinkOf, useUserName } from './ApprovalParts'
import { tabQuery, useApprovalPage, useWaitingCount, type ApprovalTab } from './approvals.queries'

const tabs: ApprovalTab[] = ['waiting', 'submitted', 'done']

/** One tab's list: a page at a time (Previous / Next follow the API's cursors). */
function ApprovalList({ tab }: { tab: ApprovalTab }) {
  const { t } = useTranslation()
  const name = useUserName()
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const cursor = cursors[cursors.length - 1] ?? null
  const page = useApprovalPage(tabQuery[tab], cursor)
  if (page.isLoading) return <LoadingState />
  if (page.isError) return <ErrorState error={page.error} onRetry={() => void page.refetch()} />
  const rows = page.data?.data ?? []
  const next = page.data?.nextCursor ?? null
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState description={t(`approvals.empty.${tab}`)} />
      ) : (
        <Table<Approval>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          loading={page.isFetching && !page.isLoading}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('approvals.record'),
              key: 'record',
              render: (_: unknown, a) => (
                <Space orientation="vertical" size={0}>
                  <Link to={recordLinkOf(a)}>{a.recordName || t('approvals.untitled')}</Link>
                  <Link to={`/approvals/${a.id}`} style={{ fontSize: 12 }}>
                    {t('approvals.openDetail')}
                  </Link>
                </Space>
              ),
            },
            { title: t('approvals.flow'), dataIndex: 'flowName' },
            {
              title: t('approvals.currentStep'),
              key: 'step',
              render: (_: unknown, a) => currentStepLabel(a, t),
            },
            { title: t('approvals.submitter'), dataIndex: 'submittedBy', render: (id: string) => name(id) },
            {
              title: t('approvals.submittedAt'),
              dataIndex: 'submittedAt',
              width: 170,
              render: (d: string) => formatTime(d),
            },
            {
              title: t('approvals.statusLabel'),
              dataIndex: 'status',
              width: 110,
              render: (s: string) => <ApprovalStatusTag status={s} />,
            },
            {
              title: t('approvals.actions'),
              key: 'actions',
              width: 220,
              render: (_: unknown, a) => <ApprovalActions approval={a} size="small" />,
            },
          ]}
        />
      )}
      {(cursors.length > 1 || next) && (
        <Space style={{ marginTop: 12 }}>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('common.previous')}
          </Button>
          <Button disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
            {t('common.next')}
          </Button>
        </Space>
      )}
    </>
  )
}

/** The approval centre: what waits for my decision, what I submitted, and what was decided with me. */
export default function ApprovalsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const tab = (tabs as string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as ApprovalTab)
    : 'waiting'
  const waiting = useWaitingCount()
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('approvals.centre')}</h1>
          <Typography.Text type="secondary">{t('approvals.centreHelp')}</Typography.Text>
        </div>
      </div>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'waiting' ? {} : { tab: k }, { replace: true })}
          destroyOnHidden
          items={tabs.map((k) => ({
            key: k,
            label:
              k === 'waiting' && waiting.data
                ? `${t('approvals.tabs.waiting')} (${waiting.data})`
                : t(`approvals.tabs.${k}`),
            children: k === tab ? <ApprovalList tab={k} /> : null,
          }))}
        />
      </Card>
    </div>
  )
}
