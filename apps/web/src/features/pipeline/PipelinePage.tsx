import { useMemo, useRef, useState } from 'react'
import { Alert, App, Button, Segmented, Space, Typography } from 'antd'
import { AppstoreOutlined, TableOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { opportunityStages } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { ApiError, get } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { fetchAll, type Opportunity, type Sample } from '../reports/data'
import {
  BoardCard,
  CardBody,
  CloseZone,
  Column,
  columnCoordinates,
  PAGE,
  useAccountNames,
  type Refusal,
} from './board'
import { BoardToolbar, useBoardFilters } from './BoardToolbar'
import { CloseDialog } from './CloseDialog'
import { DealTable } from './DealTable'
import { GateDialog, type GateRefusal } from './GateDialog'
import {
  missingBefore,
  moveStage,
  pipelineFor,
  pipelineKeys,
  usePipelines,
  type DeliverableList,
} from './pipeline.queries'

type Stage = Opportunity['stage']
type Card = Opportunity & { pipelineId?: string | null }
const outcomes = ['won', 'lost'] as const
type Outcome = (typeof outcomes)[number]

/** Pointer first (what is under the cursor), else overlap (keyboard dragging has no pointer). */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args)
  return hits.length ? hits : rectIntersection(args)
}

export default function PipelinePage() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const filters = useBoardFilters()
  const { owner, teamId, closeFrom, closeTo, setFilter } = filters
  const currency = me?.workspace.currency ?? 'CNY'

  const users = useUsers()
  const pipelines = usePipelines()
  const pipeline = pipelineFor(pipelines.data, filters.pipelineId)
  // The columns: the pipeline's stages in its order (the five SOP stages until it has loaded).
  const stages: { key: Stage; name: string }[] =
    pipeline?.stages.map((s) => ({ key: s.key, name: s.name })) ??
    opportunityStages.map((key) => ({ key, name: t(`enums.stage.${key}`) }))
  const team = useQuery({
    queryKey: ['teams', teamId],
    queryFn: () => get<{ id: string; memberIds: string[] }>(`/teams/${teamId}`),
    enabled: !!teamId,
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 1,
  })

  // Owner ids to ask for: undefined = everyone visible, [] = nobody (e.g. the owner is not in the team).
  const ownerIds = useMemo((): string[] | undefined => {
    if (!teamId) return owner ? [owner] : undefined
    const members = team.data?.memberIds ?? []
    if (!owner) return members
    const id = owner === 'me' ? me?.id : owner
    return id && members.includes(id) ? [owner] : []
  }, [owner, teamId, team.data, me?.id])

  const boardKey = ['opportunities', 'board', { ownerIds, closeFrom, closeTo }]
  const board = useQuery({
    queryKey: boardKey,
    enabled: !teamId || team.isSuccess,
    queryFn: (): Promise<Sample<Opportunity>> =>
      ownerIds && ownerIds.length === 0
        ? Promise.resolve({ rows: [], truncated: false })
        : fetchAll<Opportunity>('/opportunities', {
            status: 'open',
            sort: '-amount',
            ownerId: ownerIds?.join(','),
            'expectedCloseDate[gte]': closeFrom,
            'expectedCloseDate[lte]': closeTo,
          }),
  })

  const [refusals, setRefusals] = useState<Record<string, Refusal>>({})
  const [gate, setGate] = useState<GateRefusal | null>(null)
  const [closing, setClosing] = useState<{ opp: Card; outcome: Outcome } | null>(null)
  const [pending, setPending] = useState<Set<string>>(new Set())
  const [active, setActive] = useState<Opportunity | null>(null)

  // The deals of the pipeline shown: their own, or the default one when they have none.
  const rows = useMemo(
    () =>
      ((board.data?.rows ?? []) as Card[]).filter(
        (r) => !pipeline || (r.pipelineId ?? pipelines.data?.find((p) => p.isDefault)?.id) === pipeline.id,
      ),
    [board.data, pipeline, pipelines.data],
  )
  const byStage = useMemo(() => {
    const m = new Map<Stage, Opportunity[]>(stages.map((s) => [s.key, []]))
    for (const r of rows) m.get(r.stage)?.push(r)
    return m
  }, [rows, stages])
  const userNames = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  const [shown, setShown] = useState<Partial<Record<Stage, number>>>({})
  const shownIn = (s: Stage) => shown[s] ?? PAGE
  // Names for the cards the columns show, fetched as they appear.
  const accountNames = useAccountNames(
    stages.flatMap((s) => (byStage.get(s.key) ?? []).slice(0, shownIn(s.key)).map((o) => o.accountId)),
  )

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  )
  const stageName = (s: unknown) =>
    outcomes.includes(s as Outcome)
      ? t(`gate.close.${String(s)}`)
      : (stages.find((x) => x.key === s)?.name ?? t(`enums.stage.${String(s)}`))
  const nameOf = (id: unknown) => rows.find((r) => r.id === id)?.name ?? String(id)
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => t('pipeline.a11yPickedUp', { name: nameOf(a.id) }),
    onDragOver: ({ active: a, over }) =>
      over
        ? t('pipeline.a11yOver', { name: nameOf(a.id), stage: stageName(over.id) })
        : t('pipeline.a11yOutside', { name: nameOf(a.id) }),
    onDragEnd: ({ active: a, over }) =>
      over
        ? t('pipeline.a11yDropped', { name: nameOf(a.id), stage: stageName(over.id) })
        : t('pipeline.a11yCancelled', { name: nameOf(a.id) }),
    onDragCancel: ({ active: a }) => t('pipeline.a11yCancelled', { name: nameOf(a.id) }),
  }

  const setCard = (id: string, change: (o: Opportunity) => Opportunity) =>
    qc.setQueryData<Sample<Opportunity>>(boardKey, (d) =>
      d ? { ...d, rows: d.rows.map((r) => (r.id === id ? change(r) : r)) } : d,
    )
  const dropCard = (id: string) =>
    qc.setQueryData<Sample<Opportunity>>(boardKey, (d) =>
      d ? { ...d, rows: d.rows.filter((r) => r.id !== id) } : d,
    )
  const refreshOthers = () =>
    void qc.invalidateQueries({ queryKey: ['opportunities'], predicate: (q) => q.queryKey[1] !== 'board' })

  // A card that moves to another column is a new element: give keyboard users their focus back.
  const keyboardDrag = useRef(false)
  const refocus = (id: string, always: boolean) => {
    if (!keyboardDrag.current) return
    requestAnimationFrame(() => {
      const lost = !document.activeElement || document.activeElement === document.body
      if (always || lost)
        document.querySelector<HTMLElement>(`[data-testid="board-card-${id}"] [data-drag-handle]`)?.focus()
    })
  }

  const onDragStart = (e: DragStartEvent) => {
    keyboardDrag.current = e.activatorEvent instanceof KeyboardEvent
    setActive(rows.find((r) => r.id === e.active.id) ?? null)
  }

  const onDragEnd = async (e: DragEndEvent) => {
    setActive(null)
    const card = rows.find((r) => r.id === e.active.id)
    const over = e.over?.id as Stage | Outcome | undefined
    if (!card || !over || over === card.stage) return
    if (over === 'won' || over === 'lost') {
      setClosing({ opp: card, outcome: over })
      return
    }
    const to: Stage = over
    const from = card.stage
    setRefusals(({ [card.id]: _gone, ...rest }) => rest)
    setPending((p) => new Set(p).add(card.id))
    try {
      // Ask what the gate would miss before moving, so a gated card does not jump there and back
      // (the server checks again and stays the judge).
      const list = await qc.fetchQuery({
        queryKey: pipelineKeys.deliverables(card.id),
        queryFn: () => get<DeliverableList>(`/opportunities/${card.id}/deliverables`),
        staleTime: 0,
      })
      const missing = missingBefore(list, from, to)
      if (missing.length) throw new ApiError(422, 'stage_gate', t('pipeline.stageGate'), [], { missing })
      await qc.cancelQueries({ queryKey: boardKey })
      setCard(card.id, (o) => ({ ...o, stage: to }))
      refocus(card.id, true)
      const updated = await moveStage(card.id, to)
      setCard(card.id, (o) => ({ ...o, ...updated }))
      void message.success(t('pipeline.moved', { stage: stageName(to) }))
      refreshOthers()
    } catch (err) {
      setCard(card.id, (o) => ({ ...o, stage: from }))
      refocus(card.id, false)
      const refusal: Refusal =
        err instanceof ApiError
          ? {
              message: err.message,
              code: err.code,
              missing: Array.isArray(err.body.missing) ? err.body.missing.map(String) : [],
              to,
            }
          : { message: err instanceof Error ? err.message : String(err), code: 'error', missing: [], to }
      setRefusals((r) => ({ ...r, [card.id]: refusal }))
      // The stage gate: what is missing, to attach or waive right here, then the move again.
      if (refusal.code === 'stage_gate') setGate({ opp: card, to, missing: refusal.missing })
      // A stale version: read the board again so the next move sends the current one.
      if (err instanceof ApiError && err.status === 409) void board.refetch()
    } finally {
      setPending((p) => {
        const n = new Set(p)
        n.delete(card.id)
        return n
      })
    }
  }

  const canMove = can(me, 'opportunities', 'update')
  const teamMissing = team.error instanceof ApiError && team.error.status === 404
  const { filtered } = filters
  const loading = board.isLoading || (!!teamId && team.isLoading)

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('pipeline.title')}</h1>
          {canMove && filters.view === 'board' && (
            <Typography.Text type="secondary">{t('pipeline.dragHint')}</Typography.Text>
          )}
        </div>
        <Space wrap>
          <Segmented
            aria-label={t('pipeline.title')}
            data-testid="pipeline-view"
            value={filters.view}
            onChange={(v) => setFilter('view', v === 'table' ? 'table' : null)}
            options={[
              { value: 'board', label: t('activities.deal.view.board'), icon: <AppstoreOutlined /> },
              { value: 'table', label: t('activities.deal.view.table'), icon: <TableOutlined /> },
            ]}
          />
          <Link to="/opportunities">{t('nav.opportunities')}</Link>
        </Space>
      </div>
      <BoardToolbar
        filters={filters}
        pipelines={pipelines.data ?? []}
        pipelineId={pipeline?.id}
        refreshing={board.isFetching && !board.isLoading}
        onRefresh={() => void board.refetch()}
      />
      {board.data?.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('pipeline.truncated', { count: board.data.rows.length })}
        />
      )}
      {teamMissing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('pipeline.teamMissing')}
          action={
            <Button size="small" onClick={() => setFilter('team', null)}>
              {t('pipeline.showAllTeams')}
            </Button>
          }
        />
      )}
      {!loading && !board.isError && !teamMissing && board.isSuccess && rows.length === 0 && (
        <Typography.Paragraph type="secondary">
          {filtered ? t('pipeline.noMatch') : t('pipeline.empty')}
        </Typography.Paragraph>
      )}
      {board.isError || (team.isError && !teamMissing) ? (
        <ErrorState
          error={board.error ?? team.error}
          onRetry={() => void (team.isError ? team.refetch() : board.refetch())}
        />
      ) : filters.view === 'table' ? (
        <DealTable rows={rows} stages={stages} userNames={userNames} loading={loading} />
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          onDragStart={onDragStart}
          onDragEnd={(e) => void onDragEnd(e)}
          onDragCancel={() => setActive(null)}
          accessibility={{
            announcements,
            screenReaderInstructions: { draggable: t('pipeline.a11yInstructions') },
          }}
        >
          {canMove && (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, marginBottom: 12 }}>
              {outcomes.map((o) => (
                <CloseZone key={o} outcome={o} />
              ))}
            </div>
          )}
          <div
            className="board"
            style={{
              gridTemplateColumns: `repeat(${stages.length}, minmax(184px, 1fr))`,
              paddingBottom: 4,
              userSelect: 'none',
            }}
          >
            {stages.map(({ key: stage, name }) => (
              <Column
                key={stage}
                stage={stage}
                title={name}
                rows={byStage.get(stage) ?? []}
                currency={currency}
                loading={loading}
                shown={shownIn(stage)}
                onShowMore={() => setShown((m) => ({ ...m, [stage]: shownIn(stage) + PAGE }))}
              >
                {(visible) =>
                  visible.map((o) => (
                    <BoardCard
                      key={o.id}
                      opp={o}
                      accountName={accountNames[o.accountId]}
                      ownerName={o.ownerId ? userNames[o.ownerId] : undefined}
                      refusal={refusals[o.id]}
                      pending={pending.has(o.id)}
                      canMove={canMove}
                      onDismiss={() => setRefusals(({ [o.id]: _gone, ...rest }) => rest)}
                      onResolve={() => {
                        const r = refusals[o.id]
                        const to = r?.to
                        if (r && to) setGate({ opp: o, to, missing: r.missing })
                      }}
                      onClose={(outcome) => setClosing({ opp: o, outcome })}
                    />
                  ))
                }
              </Column>
            ))}
          </div>
          <DragOverlay dropAnimation={null}>
            {active && (
              <div className="board-card" style={{ cursor: 'grabbing', boxShadow: '0 8px 24px #0003' }}>
                <CardBody
                  opp={active}
                  link={false}
                  accountName={accountNames[active.accountId]}
                  ownerName={active.ownerId ? userNames[active.ownerId] : undefined}
                />
              </div>
            )}
          </DragOverlay>
        </DndContext>
      )}
      {gate && (
        <GateDialog
          refusal={gate}
          stageName={stageName}
          onCancel={() => setGate(null)}
          onMoved={(updated) => {
            setCard(gate.opp.id, (o) => ({ ...o, ...updated }))
            setRefusals(({ [gate.opp.id]: _gone, ...rest }) => rest)
            setGate(null)
            refreshOthers()
          }}
        />
      )}
      {closing && (
        <CloseDialog
          opp={closing.opp}
          outcome={closing.outcome}
          pipeline={pipelineFor(pipelines.data, closing.opp.pipelineId)}
          onCancel={() => setClosing(null)}
          onClosed={() => {
            dropCard(closing.opp.id)
            setRefusals(({ [closing.opp.id]: _gone, ...rest }) => rest)
            setClosing(null)
            refreshOthers()
          }}
        />
      )}
    </div>
  )
}
