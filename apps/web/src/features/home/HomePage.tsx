import { useMemo } from 'react'
import { App, Card, Checkbox, Col, Row, Tag, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { get, patch, type Page } from '../../shared/api/client'
import { useNames } from '../../shared/api/lookups'
import { Chart } from '../../shared/ui/Chart'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { EnumTag } from '../records/display'
import { NorthStarStrip } from '../dashboards/NorthStarStrip'
import { MyAlertsCard } from './MyAlertsCard'
import { TeamSection, itemStyle, listStyle } from './TeamSection'
import { CsmSection } from './CsmSection'
import { useHomeScope } from './home.queries'
import { fetchAll, pipelineChartOption, summariseStages, type Opportunity } from '../reports/data'

type Task = {
  id: string
  version: number
  title: string
  dueAt: string | null
  status: string
  priority: string | null
  accountId: string | null
}

type Account = { id: string; name: string; health: { score: number; band: string } | null }

const TASKS_KEY = ['tasks', 'home', 'mine-open']

export default function HomePage() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const today = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date())
  const { scope } = useHomeScope(me)
  const csm = !!me?.roles.includes('csm')
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('home.greeting', { name: me?.name ?? '' })}</h1>
          <Typography.Text type="secondary">{today}</Typography.Text>
        </div>
      </div>
      <NorthStarStrip />
      {scope.kind !== 'personal' && <TeamSection scope={scope} />}
      {csm && <CsmSection />}
      {scope.kind !== 'personal' || csm ? (
        <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 12px' }}>
          {t('home.myWork')}
        </Typography.Title>
      ) : null}
      <Row gutter={[16, 16]}>
        {can(me, 'tasks', 'read') && (
          <Col xs={24} xl={12}>
            <TasksCard />
          </Col>
        )}
        {can(me, 'opportunities', 'read') && (
          <Col xs={24} xl={12}>
            <PipelineCard />
          </Col>
        )}
        {can(me, 'accounts', 'read') && (
          <Col xs={24} lg={12}>
            <RiskCard />
          </Col>
        )}
        {can(me, 'alerts', 'read') && (
          <Col xs={24} lg={12}>
            <MyAlertsCard />
          </Col>
        )}
      </Row>
    </div>
  )
}

function TasksCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const tasks = useQuery({
    queryKey: TASKS_KEY,
    queryFn: () => get<Page<Task>>('/tasks', { assigneeId: 'me', status: 'open', sort: 'dueAt', limit: 10 }),
  })
  const names = useNames('accounts', tasks.data?.data.map((x) => x.accountId) ?? [])
  const done = useMutation({
    mutationFn: (task: Task) => patch<Task>(`/tasks/${task.id}`, { version: task.version, status: 'done' }),
    onMutate: async (task) => {
      await qc.cancelQueries({ queryKey: TASKS_KEY })
      const before = qc.getQueryData<Page<Task>>(TASKS_KEY)
      qc.setQueryData<Page<Task>>(
        TASKS_KEY,
        (p) => p && { ...p, data: p.data.filter((x) => x.id !== task.id) },
      )
      return { before }
    },
    onError: (e, _task, ctx) => {
      if (ctx?.before) qc.setQueryData(TASKS_KEY, ctx.before)
      void message.error(t('home.taskDoneFailed', { reason: e instanceof Error ? e.message : String(e) }))
    },
    onSuccess: (task) => void message.success(t('home.taskDone', { title: task.title })),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  })

  const now = dayjs()
  return (
    <Card title={t('home.myTasks')} extra={<Link to="/tasks">{t('home.viewAll')}</Link>}>
      {tasks.isLoading ? (
        <LoadingState rows={5} />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : !tasks.data?.data.length ? (
        <EmptyState description={t('home.noTasks')} />
      ) : (
        <ul aria-label={t('home.myTasks')} style={listStyle}>
          {tasks.data.data.map((task) => {
            const due = task.dueAt ? dayjs(task.dueAt) : null
            const overdue = !!due && due.isBefore(now)
            const dueToday = !!due && !overdue && due.isSame(now, 'day')
            return (
              <li
                key={task.id}
                style={{
                  ...itemStyle,
                  background: overdue ? '#fff1f0' : undefined,
                  borderLeft: `3px solid ${overdue ? '#ff4d4f' : 'transparent'}`,
                }}
              >
                <Checkbox
                  aria-label={t('home.markDone', { title: task.title })}
                  disabled={done.isPending && done.variables?.id === task.id}
                  onChange={() => done.mutate(task)}
                />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Link to={`/tasks/${task.id}`} style={{ fontWeight: 500 }}>
                    {task.title}
                  </Link>
                  {task.accountId && (
                    <div>
                      <Typography.Text type="secondary" ellipsis>
                        {names.data?.[task.accountId] ?? '…'}
                      </Typography.Text>
                    </div>
                  )}
                </div>
                {(task.priority === 'high' || task.priority === 'urgent') && (
                  <EnumTag group="priority" value={task.priority} />
                )}
                <span style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                  {overdue && <Tag color="red">{t('home.overdue')}</Tag>}
                  {dueToday && <Tag color="orange">{t('home.dueToday')}</Tag>}
                  {due ? (
                    <Typography.Text
                      type={overdue ? 'danger' : 'secondary'}
                      title={due.format('YYYY-MM-DD HH:mm')}
                      className="num"
                    >
                      {due.format('MM-DD HH:mm')}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t('home.noDue')}</Typography.Text>
                  )}
                </span>
              </li>
            )
          })}
        </ul>
      )}
    </Card>
  )
}

function RiskCard() {
  const { t } = useTranslation()
  const risk = useQuery({
    queryKey: ['accounts', 'home', 'at-risk'],
    queryFn: () => get<Page<Account>>('/accounts', { ownerId: 'me', healthBand: 'at_risk', limit: 10 }),
  })
  return (
    <Card title={t('home.myRisk')}>
      {risk.isLoading ? (
        <LoadingState rows={3} />
      ) : risk.isError ? (
        <ErrorState error={risk.error} onRetry={() => void risk.refetch()} />
      ) : !risk.data?.data.length ? (
        <EmptyState description={t('home.noRisk')} />
      ) : (
        <ul aria-label={t('home.myRisk')} style={listStyle}>
          {risk.data.data.map((a) => (
            <li key={a.id} style={itemStyle}>
              <Link to={`/accounts/${a.id}`} style={{ flex: 1, minWidth: 0 }}>
                {a.name}
              </Link>
              {a.health && (
                <Tag color="red" className="num">
                  {t('home.healthScore', { score: Math.round(a.health.score) })}
                </Tag>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function PipelineCard() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const currency = me?.workspace.currency ?? 'CNY'
  const pipeline = useQuery({
    queryKey: ['opportunities', 'summary', 'open'],
    queryFn: () => fetchAll<Opportunity>('/opportunities', { status: 'open' }),
  })
  const summary = useMemo(
    () => (pipeline.data ? summariseStages(pipeline.data.rows, currency) : null),
    [pipeline.data, currency],
  )
  const option = useMemo(
    () => (summary ? pipelineChartOption(summary.stages, t, currency, i18n.language, true) : null),
    [summary, t, currency, i18n.language],
  )
  return (
    <Card title={t('home.pipeline')} extra={<Link to="/pipeline">{t('home.openBoard')}</Link>}>
      {pipeline.isLoading ? (
        <LoadingState rows={6} />
      ) : pipeline.isError ? (
        <ErrorState error={pipeline.error} onRetry={() => void pipeline.refetch()} />
      ) : !pipeline.data?.rows.length || !option ? (
        <EmptyState description={t('home.noPipeline')} />
      ) : (
        <>
          <Chart option={option} height={280} ariaLabel={t('home.pipeline')} />
          {(pipeline.data.truncated || !!summary?.otherCurrency) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pipeline.data.truncated && t('reports.sample', { count: pipeline.data.rows.length })}{' '}
              {!!summary?.otherCurrency &&
                t('reports.otherCurrency', { count: summary.otherCurrency, currency })}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  )
}
