import { Tabs } from '../../shared/ui/Tabs'
import { useState } from 'react'
import { App, Button, Dropdown, Modal, Progress, Space, Table, Tag, Typography } from 'antd'
import { MoreOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { showUndo } from '../../shared/ui/undo'
import { SendSurveyModal } from './SendSurveyModal'
import { SurveyComments } from './SurveyComments'
import { SurveyFormModal } from './SurveyFormModal'
import { SurveyResults } from './SurveyResults'
import { restoreSurvey, useDeleteSurvey, useSaveSurvey, useSurveys, type Survey } from './surveys.queries'

const statusColor = { draft: 'default', open: 'processing', closed: 'success' } as const
const DAY = 'YYYY-MM-DD'

/** NPS & surveys: the surveys with response rate and NPS, sending, results by segment, tier and month, and comments. */
export default function SurveysPage() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'surveys'
  const surveyId = params.get('survey') ?? undefined
  const range: [string, string] = [
    params.get('from') ?? dayjs().subtract(12, 'month').add(1, 'day').format(DAY),
    params.get('to') ?? dayjs().format(DAY),
  ]
  const setParam = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params)
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v)
      else p.delete(k)
    setParams(p, { replace: true })
  }
  const list = useSurveys()
  const save = useSaveSurvey()
  const remove = useDeleteSurvey()
  const [editing, setEditing] = useState<Survey | null | 'new'>(null)
  const [sending, setSending] = useState<Survey | null>(null)
  const canWrite = can(me, 'surveys', 'update')
  const surveys = list.data?.data ?? []

  const setStatus = (s: Survey, status: 'open' | 'closed') =>
    save
      .mutateAsync({ id: s.id, version: s.version, status })
      .then(() => void message.success(t(status === 'closed' ? 'surveys.closed' : 'surveys.reopened')))
      .catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))

  const onMenu = (s: Survey, key: string) => {
    if (key === 'edit') setEditing(s)
    if (key === 'results') setParam({ tab: 'results', survey: s.id })
    if (key === 'reopen') void setStatus(s, 'open')
    if (key === 'close')
      Modal.confirm({ title: t('surveys.confirmClose'), onOk: () => setStatus(s, 'closed') })
    if (key === 'delete')
      Modal.confirm({
        title: t('surveys.confirmDelete'),
        okButtonProps: { danger: true },
        onOk: async () => {
          await remove.mutateAsync(s)
          showUndo(message, t('surveys.deleted', { name: s.name }), t('common.undo'), async () => {
            await restoreSurvey(s.id)
            await list.refetch()
          })
        },
      })
  }

  const table = list.isError ? (
    <ErrorState error={list.error} onRetry={() => void list.refetch()} />
  ) : list.isLoading ? (
    <LoadingState rows={6} />
  ) : surveys.length === 0 ? (
    <EmptyState
      description={t('surveys.empty')}
      action={canWrite ? { label: t('surveys.newSurvey'), onClick: () => setEditing('new') } : undefined}
    />
  ) : (
    <Table<Survey>
      rowKey="id"
      dataSource={surveys}
      pagination={false}
      scroll={{ x: 900 }}
      columns={[
        {
          title: t('surveys.fields.name'),
          dataIndex: 'name',
          render: (v: string, s) => (
            <Space direction="vertical" size={0}>
              <Typography.Link onClick={() => setParam({ tab: 'results', survey: s.id })}>
                {v}
              </Typography.Link>
              {s.audience && <Typography.Text type="secondary">{s.audience}</Typography.Text>}
            </Space>
          ),
        },
        { title: t('surveys.fields.kind'), dataIndex: 'kind', render: (v: string) => t(`surveys.kind.${v}`) },
        {
          title: t('surveys.fields.status'),
          dataIndex: 'status',
          render: (v: keyof typeof statusColor) => (
            <Tag color={statusColor[v]}>{t(`surveys.status.${v}`)}</Tag>
          ),
        },
        { title: t('surveys.fields.invited'), render: (_: unknown, s) => s.stats.invited, align: 'right' },
        {
          title: t('surveys.fields.responseRate'),
          width: 160,
          render: (_: unknown, s) =>
            s.stats.responseRate === null ? (
              '—'
            ) : (
              <Progress
                percent={Math.round(s.stats.responseRate * 100)}
                size="small"
                aria-label={t('surveys.fields.responseRate')}
              />
            ),
        },
        {
          title: t('surveys.fields.nps'),
          align: 'right',
          render: (_: unknown, s) =>
            s.kind === 'csat' ? (
              (s.stats.average ?? '—')
            ) : s.stats.nps === null ? (
              '—'
            ) : (
              <strong>{s.stats.nps}</strong>
            ),
        },
        {
          title: t('surveys.fields.openInvitations'),
          align: 'right',
          render: (_: unknown, s) => s.stats.open,
        },
        {
          title: '',
          width: 120,
          render: (_: unknown, s) => (
            <Space>
              {canWrite && s.status !== 'closed' && (
                <Button size="small" icon={<SendOutlined />} onClick={() => setSending(s)}>
                  {t('surveys.actions.send')}
                </Button>
              )}
              <Dropdown
                trigger={['click']}
                menu={{
                  onClick: (e) => onMenu(s, e.key),
                  items: [
                    { key: 'results', label: t('surveys.actions.results') },
                    ...(canWrite
                      ? [
                          { key: 'edit', label: t('surveys.actions.edit') },
                          s.status === 'closed'
                            ? { key: 'reopen', label: t('surveys.actions.reopen') }
                            : { key: 'close', label: t('surveys.actions.close') },
                          { key: 'delete', danger: true, label: t('surveys.actions.delete') },
                        ]
                      : []),
                  ],
                }}
              >
                <Button size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} />
              </Dropdown>
            </Space>
          ),
        },
      ]}
    />
  )

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('surveys.title')}</h1>
          <Typography.Text type="secondary">{t('surveys.intro')}</Typography.Text>
        </div>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('surveys.newSurvey')}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam({ tab: k === 'surveys' ? undefined : k })}
        items={[
          { key: 'surveys', label: t('surveys.tabs.surveys'), children: table },
          {
            key: 'results',
            label: t('surveys.tabs.results'),
            children: (
              <SurveyResults
                surveys={surveys}
                surveyId={surveyId}
                onSurvey={(id) => setParam({ survey: id })}
                range={range}
                onRange={([from, to]) => setParam({ from, to })}
              />
            ),
          },
          {
            key: 'comments',
            label: t('surveys.tabs.comments'),
            children: <SurveyComments surveyId={surveyId} />,
          },
        ]}
      />
      <SurveyFormModal
        open={editing !== null}
        survey={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
      <SendSurveyModal survey={sending} onClose={() => setSending(null)} />
    </div>
  )
}
