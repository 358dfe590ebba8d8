import { useState } from 'react'
import { App, Button, Card, Col, List, Row, Space, Steps, Tag, Timeline, Typography } from 'antd'
import {
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  LinkOutlined,
  PaperClipOutlined,
  StopOutlined,
} from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError, get, type Page } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { RecordActivities } from '../activities'
import type { Opportunity } from '../reports/data'
import { GateDialog, type GateRefusal } from './GateDialog'
import {
  missingBefore,
  moveStage,
  pipelineFor,
  pipelineKeys,
  useDeliverables,
  usePipelines,
  type Deliverable,
  type DeliverableList,
} from './pipeline.queries'

type Deal = Opportunity & { pipelineId?: string | null; status: string; version: number }
type StageChange = {
  id: string
  fromStage: string | null
  toStage: string
  direction: 'initial' | 'forward' | 'backward'
  changedAt: string
  changedBy: string | null
  waivers: { deliverable: string; reason: string }[]
}
type Task = { id: string; title: string; status: string; dueAt: string | null; assigneeId: string | null }
type StageItem = DeliverableList['stages'][number]['required'][number]

const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '')

/** What was handed in for one deliverable: the links and files, and any waiver with who, when and why. */
function DeliverableRow({
  item,
  given,
  names,
}: {
  item: StageItem
  given: Deliverable[]
  names: Record<string, string>
}) {
  const { t } = useTranslation()
  const icon =
    item.status === 'attached' ? (
      <CheckCircleOutlined style={{ color: '#52c41a' }} />
    ) : item.status === 'waived' ? (
      <StopOutlined style={{ color: '#faad14' }} />
    ) : (
      <ExclamationCircleOutlined style={{ color: item.required ? '#ff4d4f' : '#bfbfbf' }} />
    )
  return (
    <div className="deal-deliverable" data-testid={`deliverable-${item.key}`} style={{ marginBottom: 6 }}>
      <Space size={6} wrap>
        {icon}
        <Typography.Text>{item.label}</Typography.Text>
        {!item.required && (
          <Typography.Text type="secondary">({t('activities.deal.optional')})</Typography.Text>
        )}
        {item.status === 'missing' && item.required && (
          <Tag color="error">{t('activities.deal.missing')}</Tag>
        )}
      </Space>
      {given.map((d) => (
        <div key={d.id} style={{ marginLeft: 22, overflowWrap: 'anywhere' }}>
          {d.waived ? (
            <Typography.Text type="secondary">
              {t('activities.deal.waivedBy', {
                name: (d.addedBy && names[d.addedBy]) || '—',
                date: day(d.addedAt),
                reason: d.waiverReason ?? '',
              })}
            </Typography.Text>
          ) : (
            <Space size={6} wrap>
              {d.url ? (
                <a href={d.url} target="_blank" rel="noreferrer">
                  <LinkOutlined /> {d.url}
                </a>
              ) : d.fileId ? (
                <a href={`/api/v1/files/${d.fileId}`}>
                  <PaperClipOutlined /> {d.fileName ?? d.title}
                </a>
              ) : (
                d.title
              )}
              <Typography.Text type="secondary">
                {t('activities.deal.addedBy', {
                  name: (d.addedBy && names[d.addedBy]) || '—',
                  date: day(d.addedAt),
                })}
              </Typography.Text>
            </Space>
          )}
        </div>
      ))}
    </div>
  )
}

/**
 * The stage path of a deal: every stage of its pipeline in order, the current one highlighted, when each
 * was entered and by whom, and per stage reached its deliverables (links and files attached, waivers with
 * who and why, what is still missing). The next stage is one click away, through the stage gate.
 */
export function StagePath({ deal }: { deal: Deal }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const users = useUsers()
  const pipelines = usePipelines()
  const list = useDeliverables(deal.id)
  const history = useQuery({
    queryKey: ['opportunities', deal.id, 'stage-history'],
    queryFn: () => get<{ data: StageChange[] }>(`/opportunities/${deal.id}/stage-history`),
  })
  const [gate, setGate] = useState<GateRefusal | null>(null)
  const [moving, setMoving] = useState(false)
  const names = Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name]))
  if (list.isLoading || pipelines.isLoading) return <LoadingState rows={3} />
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />
  const pipeline = pipelineFor(pipelines.data, deal.pipelineId)
  const stages = list.data?.stages ?? []
  const current = Math.max(
    0,
    stages.findIndex((s) => s.stage === deal.stage),
  )
  // When the deal last entered each stage.
  const entered = new Map<string, StageChange>()
  for (const h of history.data?.data ?? []) entered.set(h.toStage, h)
  const next = stages[current + 1]
  const stageName = (key: string) => stages.find((s) => s.stage === key)?.name ?? t(`enums.stage.${key}`)
  const canMove = can(me, 'opportunities', 'update') && deal.status !== 'lost' && !!next

  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['opportunities'] }),
      qc.invalidateQueries({ queryKey: pipelineKeys.deliverables(deal.id) }),
    ])
  const moveNext = async () => {
    if (!next || !list.data) return
    const missing = missingBefore(list.data, deal.stage, next.stage)
    if (missing.length) {
      setGate({ opp: deal, to: next.stage, missing })
      return
    }
    setMoving(true)
    try {
      await moveStage(deal.id, next.stage)
      void message.success(t('activities.deal.moved', { stage: next.name }))
      await refresh()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stage_gate')
        setGate({
          opp: deal,
          to: next.stage,
          missing: Array.isArray(e.body.missing) ? e.body.missing.map(String) : [],
        })
      else void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setMoving(false)
    }
  }

  return (
    <Card
      title={t('activities.deal.stagePath')}
      size="small"
      data-testid="stage-path"
      style={{ marginTop: 16 }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {deal.status === 'won' && <Tag color="success">{t('activities.deal.won')}</Tag>}
        {deal.status === 'lost' && <Tag color="error">{t('activities.deal.lost')}</Tag>}
        {pipeline && stages.length > 0 && <Typography.Text type="secondary">{pipeline.name}</Typography.Text>}
        {canMove && (
          <Button size="small" type="primary" loading={moving} onClick={() => void moveNext()}>
            {t('activities.deal.nextStage', { stage: next!.name })}
          </Button>
        )}
      </Space>
      <div style={{ overflowX: 'auto', paddingBottom: 4 }}>
        <Steps
          size="small"
          current={current}
          status={deal.status === 'lost' ? 'error' : deal.status === 'won' && !next ? 'finish' : 'process'}
          items={stages.map((s, i) => {
            const h = entered.get(s.stage)
            return {
              title: s.name,
              description:
                i <= current && h
                  ? h.changedBy && names[h.changedBy]
                    ? t('activities.deal.enteredBy', { date: day(h.changedAt), name: names[h.changedBy] })
                    : t('activities.deal.entered', { date: day(h.changedAt) })
                  : i > current
                    ? t('activities.deal.notReached')
                    : undefined,
            }
          })}
        />
      </div>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {stages.slice(0, current + 1).map((s, i) => {
          const items = [...s.required, ...s.optional]
          return (
            <Col key={s.stage} xs={24} md={12} xl={8} data-testid={`stage-deliverables-${s.stage}`}>
              <Typography.Text strong>
                {s.name}
                {i === current && (
                  <Tag color="processing" style={{ marginLeft: 8 }}>
                    {t('activities.deal.current')}
                  </Tag>
                )}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                {items.length === 0 ? (
                  <Typography.Text type="secondary">{t('activities.deal.noDeliverables')}</Typography.Text>
                ) : (
                  items.map((item) => (
                    <DeliverableRow
                      key={item.key}
                      item={item}
                      given={(list.data?.data ?? []).filter((d) => d.key === item.key)}
                      names={names}
                    />
                  ))
                )}
              </div>
            </Col>
          )
        })}
      </Row>
      {gate && (
        <GateDialog
          refusal={gate}
          stageName={stageName}
          onCancel={() => setGate(null)}
          onMoved={() => {
            // The dialog says where the deal went.
            setGate(null)
            void refresh()
          }}
        />
      )}
    </Card>
  )
}

/** The deal's tasks (its SOP tasks and any other linked to it), open first. */
function DealTasks({ dealId }: { dealId: string }) {
  const { t } = useTranslation()
  const users = useUsers()
  const tasks = useQuery({
    queryKey: ['tasks', 'of-deal', dealId],
    queryFn: () =>
      get<Page<Task>>('/tasks', { relatedType: 'opportunity', relatedId: dealId, sort: 'dueAt', limit: 100 }),
  })
  const rows = [...(tasks.data?.data ?? [])].sort(
    (a, b) =>
      Number(a.status === 'done' || a.status === 'cancelled') -
      Number(b.status === 'done' || b.status === 'cancelled'),
  )
  const userName = (id: string | null) => users.data?.data.find((u) => u.id === id)?.name
  return (
    <Card title={t('activities.deal.tasks')} size="small" data-testid="deal-tasks" style={{ marginTop: 16 }}>
      {tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <List
          size="small"
          loading={tasks.isLoading}
          dataSource={rows}
          locale={{ emptyText: t('activities.deal.noTasks') }}
          renderItem={(task) => (
            <List.Item>
              <Space wrap size={6}>
                <Tag>{t(`enums.taskStatus.${task.status}`)}</Tag>
                <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                {task.dueAt && <Typography.Text type="secondary">{day(task.dueAt)}</Typography.Text>}
                {userName(task.assigneeId) && (
                  <Typography.Text type="secondary">· {userName(task.assigneeId)}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

/** Every stage the deal entered, newest first, with who, when and the waivers given on the way. */
function StageHistory({ deal, stageName }: { deal: Deal; stageName: (k: string) => string }) {
  const { t } = useTranslation()
  const users = useUsers()
  const history = useQuery({
    queryKey: ['opportunities', deal.id, 'stage-history'],
    queryFn: () => get<{ data: StageChange[] }>(`/opportunities/${deal.id}/stage-history`),
  })
  const userName = (id: string | null) => users.data?.data.find((u) => u.id === id)?.name
  const rows = [...(history.data?.data ?? [])].reverse()
  return (
    <Card
      title={t('activities.deal.history')}
      size="small"
      data-testid="deal-history"
      style={{ marginTop: 16 }}
    >
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{t('activities.deal.noHistory')}</Typography.Text>
      ) : (
        <Timeline
          items={rows.map((h) => ({
            key: h.id,
            color: h.direction === 'backward' ? 'orange' : h.direction === 'initial' ? 'gray' : 'blue',
            content: (
              <div>
                <Typography.Text type="secondary">
                  {dayjs(h.changedAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>{' '}
                {t(`activities.deal.direction.${h.direction}`)} <strong>{stageName(h.toStage)}</strong>
                {userName(h.changedBy) && (
                  <Typography.Text type="secondary"> · {userName(h.changedBy)}</Typography.Text>
                )}
                {h.waivers.length > 0 && (
                  <div>
                    <Typography.Text type="secondary">
                      {t('activities.deal.waivers', {
                        list: h.waivers
                          .map(
                            (w) =>
                              `${t(`pipeline.deliverable.${w.deliverable}`, { defaultValue: w.deliverable })} (${w.reason})`,
                          )
                          .join('; '),
                      })}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  )
}

/**
 * The parts of the deal page beyond its fields: the stage path with deliverables and waivers, the
 * activities (composer and feed), tasks and stage history. The record page adds the buying committee and
 * approvals.
 */
export function DealPanels({ deal }: { deal: Deal }) {
  const list = useDeliverables(deal.id)
  const { t } = useTranslation()
  const stageName = (key: string) =>
    list.data?.stages.find((s) => s.stage === key)?.name ?? t(`enums.stage.${key}`)
  return (
    <>
      <StagePath deal={deal} />
      <Row gutter={[16, 0]}>
        <Col xs={24} xl={14}>
          <RecordActivities accountId={deal.accountId} opportunityId={deal.id} />
        </Col>
        <Col xs={24} xl={10}>
          <DealTasks dealId={deal.id} />
          <StageHistory deal={deal} stageName={stageName} />
        </Col>
      </Row>
    </>
  )
}
