import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react'
import { Alert, Button, Dropdown, Skeleton, Typography } from 'antd'
import { CheckCircleOutlined, CloseCircleOutlined, HolderOutlined, MoreOutlined } from '@ant-design/icons'
import { useDraggable, useDroppable, type KeyboardCoordinateGetter } from '@dnd-kit/core'
import dayjs from 'dayjs'
import type { TFunction } from 'i18next'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../../shared/api/client'
import { formatMoney } from '../records/display'
import { formatSums, sumByCurrency, type Opportunity } from '../reports/data'

/** A refused move: why, the deliverables the gate missed, and the stage the deal was headed for. */
export type Refusal = { message: string; code: string; missing: string[]; to?: string }

/** How many cards a column shows before "Show more". */
export const PAGE = 30

/**
 * Names of accounts, fetched only for ids not seen yet (in requests of 50 ids, so the URL stays short)
 * and kept while cards move between columns, so names never flicker.
 */
export function useAccountNames(ids: string[]) {
  const [names, setNames] = useState<Record<string, string>>({})
  const asked = useRef(new Set<string>())
  const key = [...new Set(ids)].sort().join(',')
  useEffect(() => {
    const missing = key ? key.split(',').filter((id) => !asked.current.has(id)) : []
    for (let i = 0; i < missing.length; i += 50) {
      const chunk = missing.slice(i, i + 50)
      chunk.forEach((id) => asked.current.add(id))
      get<Page<{ id: string; name: string }>>('/accounts', { id: chunk.join(','), limit: 500 })
        .then((res) =>
          setNames((prev) => ({ ...prev, ...Object.fromEntries(res.data.map((r) => [r.id, r.name])) })),
        )
        .catch(() => chunk.forEach((id) => asked.current.delete(id)))
    }
  }, [key])
  return names
}

/** Arrow left/right jump to the next column (up/down are not needed: a column is one drop target). */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const dir = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0
  const rect = context.collisionRect
  if (!dir || !rect) return undefined
  event.preventDefault()
  const columns = context.droppableContainers
    .getEnabled()
    .filter((c) => !c.data.current?.zone)
    .map((c) => context.droppableRects.get(c.id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .sort((a, b) => a.left - b.left)
  const centre = rect.left + rect.width / 2
  const target =
    dir > 0
      ? columns.find((c) => c.left > centre)
      : [...columns].reverse().find((c) => c.left + c.width < centre)
  if (!target) return currentCoordinates
  return { x: target.left + (target.width - rect.width) / 2, y: target.top + 48 }
}

export function Column({
  stage,
  title,
  rows,
  currency,
  loading,
  shown,
  onShowMore,
  children,
}: {
  stage: string
  /** The stage's name in the pipeline; the SOP stage's name by default. */
  title?: string
  rows: Opportunity[]
  currency: string
  loading?: boolean
  /** How many cards to show. */
  shown: number
  onShowMore: () => void
  children: (visible: Opportunity[]) => ReactNode
}) {
  const { t, i18n } = useTranslation()
  const { setNodeRef, isOver } = useDroppable({ id: stage })
  const name = title ?? t(`enums.stage.${stage}`)
  const headingId = `board-column-title-${stage}`
  return (
    <section
      ref={setNodeRef}
      className={`board-column${isOver ? ' over' : ''}`}
      data-testid={`board-column-${stage}`}
      aria-labelledby={headingId}
    >
      <header style={headerStyle}>
        <Typography.Text strong id={headingId} style={{ lineHeight: 1.3 }}>
          {name}
        </Typography.Text>
        {!loading && (
          <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>
            {t('pipeline.deals', { count: rows.length })}
            {' · '}
            {formatSums(sumByCurrency(rows, currency), currency, i18n.language)}
          </Typography.Text>
        )}
      </header>
      <div style={bodyStyle}>
        {loading ? (
          [0, 1, 2].map((i) => (
            <div className="board-card" key={i} style={{ cursor: 'default' }}>
              <Skeleton active title={false} paragraph={{ rows: 3 }} />
            </div>
          ))
        ) : (
          <>
            {children(rows.slice(0, shown))}
            {rows.length > shown && (
              <Button block type="dashed" onClick={onShowMore}>
                {t('pipeline.showMore', { count: Math.min(PAGE, rows.length - shown) })}
              </Button>
            )}
            {rows.length === 0 && (
              <Typography.Paragraph
                type="secondary"
                style={{ textAlign: 'center', padding: '24px 8px', margin: 0 }}
              >
                {t('pipeline.emptyColumn')}
              </Typography.Paragraph>
            )}
          </>
        )}
      </div>
    </section>
  )
}

/** Each column scrolls on its own, so the board fits the window (min. 320px high). */
const bodyStyle: CSSProperties = {
  overflowY: 'auto',
  maxHeight: 'max(320px, calc(100vh - 330px))',
  margin: '0 -4px',
  padding: '0 4px 2px',
}

const headerStyle: CSSProperties = {
  padding: '4px 4px 10px',
  display: 'flex',
  flexDirection: 'column',
  gap: 2,
}

/** What a card shows; used on the board and in the drag overlay. */
export function CardBody({
  opp,
  accountName,
  ownerName,
  link = true,
}: {
  opp: Opportunity
  accountName?: string
  ownerName?: string
  link?: boolean
}) {
  const { t, i18n } = useTranslation()
  const close = opp.expectedCloseDate ? dayjs(opp.expectedCloseDate) : null
  const late = !!close && close.isBefore(dayjs(), 'day')
  return (
    <div style={{ minWidth: 0, flex: 1 }}>
      <div style={{ fontWeight: 600, lineHeight: 1.35, wordBreak: 'break-word' }}>
        {link ? (
          <Link to={`/opportunities/${opp.id}`} draggable={false} onClick={(e) => e.stopPropagation()}>
            {opp.name}
          </Link>
        ) : (
          opp.name
        )}
      </div>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 13 }}>
        {accountName ?? '…'}
      </Typography.Text>
      <div className="num" style={{ fontWeight: 500, marginTop: 6 }}>
        {formatMoney(opp.amount, opp.currency ?? undefined, i18n.language)}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 12, marginTop: 2 }}>
        <Typography.Text
          type={late ? 'danger' : 'secondary'}
          className="num"
          style={{ fontSize: 12, whiteSpace: 'nowrap' }}
          title={t('fields.expectedCloseDate')}
        >
          {close ? close.format('YYYY-MM-DD') : t('pipeline.noCloseDate')}
        </Typography.Text>
        <Typography.Text
          type="secondary"
          ellipsis
          style={{ fontSize: 12, minWidth: 0 }}
          title={t('common.owner')}
        >
          {ownerName ?? '—'}
        </Typography.Text>
      </div>
    </div>
  )
}

/** Why a move was refused, in the reader's language where the reason is known. */
function reasonOf(r: Refusal, t: TFunction) {
  if (r.code === 'stage_gate') return t('pipeline.stageGate')
  if (r.code === 'version_conflict') return t('pipeline.conflict')
  if (r.code === 'forbidden') return t('pipeline.forbidden')
  return r.message
}

/** A draggable deal: drag it anywhere with the mouse, or focus its handle and press Space. */
export function BoardCard({
  opp,
  accountName,
  ownerName,
  refusal,
  pending,
  canMove,
  onDismiss,
  onResolve,
  onClose,
}: {
  opp: Opportunity
  accountName?: string
  ownerName?: string
  refusal?: Refusal
  pending: boolean
  canMove: boolean
  onDismiss: () => void
  /** Opens the gate dialog again for a move refused by the stage gate. */
  onResolve?: () => void
  /** Wins or loses the deal (the card menu). */
  onClose?: (outcome: 'won' | 'lost') => void
}) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: opp.id,
    data: { name: opp.name, stage: opp.stage },
    disabled: pending || !canMove,
  })
  const list = refusal?.missing.length
    ? new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(
        refusal.missing.map((k) => t(`pipeline.deliverable.${k}`, { defaultValue: k })),
      )
    : ''
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      className="board-card"
      data-testid={`board-card-${opp.id}`}
      aria-busy={pending || undefined}
      onClick={() => navigate(`/opportunities/${opp.id}`)}
      style={{
        opacity: isDragging ? 0.35 : pending ? 0.65 : 1,
        cursor: canMove ? 'grab' : 'pointer',
        outline: refusal ? '1px solid #ffa39e' : undefined,
        touchAction: 'manipulation',
        userSelect: 'none',
      }}
    >
      <div style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
        <CardBody opp={opp} accountName={accountName} ownerName={ownerName} />
        {canMove && onClose && (
          <div onPointerDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'won', icon: <CheckCircleOutlined />, label: t('gate.close.markWon') },
                  { key: 'lost', icon: <CloseCircleOutlined />, label: t('gate.close.markLost') },
                ],
                onClick: ({ key, domEvent }) => {
                  domEvent.stopPropagation()
                  onClose(key as 'won' | 'lost')
                },
              }}
            >
              <Button
                type="text"
                size="small"
                icon={<MoreOutlined />}
                aria-label={t('gate.close.menu', { name: opp.name })}
                onClick={(e) => e.stopPropagation()}
                style={{ marginTop: -2 }}
              />
            </Dropdown>
          </div>
        )}
        {canMove && (
          <Button
            ref={setActivatorNodeRef}
            {...attributes}
            data-drag-handle
            type="text"
            size="small"
            icon={<HolderOutlined />}
            aria-label={t('pipeline.moveCard', { name: opp.name })}
            onClick={(e) => e.stopPropagation()}
            style={{ cursor: 'grab', marginInlineEnd: -4, marginTop: -2 }}
          />
        )}
      </div>
      {refusal && (
        <div
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
        >
          <Alert
            type="error"
            style={{ marginTop: 8, padding: '6px 8px' }}
            title={
              <div style={{ fontSize: 12, lineHeight: 1.5 }}>
                <div>{t('pipeline.moveRefused', { reason: reasonOf(refusal, t) })}</div>
                {list && <div>{t('pipeline.missing', { list })}</div>}
                {refusal.code === 'stage_gate' && onResolve && (
                  <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} onClick={onResolve}>
                    {t('gate.resolve')}
                  </Button>
                )}
              </div>
            }
            closable={{ onClose: onDismiss, 'aria-label': t('common.close') }}
          />
        </div>
      )}
    </div>
  )
}

/** A drop target that closes the deal: drop a card on Won or Lost to open the won/lost dialog. */
export function CloseZone({ outcome }: { outcome: 'won' | 'lost' }) {
  const { t } = useTranslation()
  // Marked as a zone so that keyboard moves (left/right between columns) skip it; the card menu closes too.
  const { setNodeRef, isOver } = useDroppable({ id: outcome, data: { zone: true } })
  return (
    <section
      ref={setNodeRef}
      className={`board-column${isOver ? ' over' : ''}`}
      data-testid={`board-column-${outcome}`}
      aria-label={t(outcome === 'won' ? 'gate.close.won' : 'gate.close.lost')}
      style={zoneStyle}
    >
      {outcome === 'won' ? (
        <CheckCircleOutlined style={{ color: '#237804' }} />
      ) : (
        <CloseCircleOutlined style={{ color: '#a8071a' }} />
      )}
      <Typography.Text strong>{t(outcome === 'won' ? 'gate.close.won' : 'gate.close.lost')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('gate.close.dropHint')}
      </Typography.Text>
    </section>
  )
}

const zoneStyle: CSSProperties = {
  minHeight: 0,
  padding: '10px 12px',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 8,
  border: '1px dashed #b8c2d3',
  background: '#f7f9fc',
}
