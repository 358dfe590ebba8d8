import { useState, type DragEvent } from 'react'
import { WarningOutlined } from '@ant-design/icons'
import {
  Badge,
  Button,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  message,
  type TableColumnsType,
} from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { ContactPanel } from './ContactPanel'
import {
  useDecisionMap,
  useInfluences,
  useReportsTo,
  type DecisionMap as Map_,
  type DecisionMapContact,
} from './decisionMap.queries'
import { GapList } from './GapList'
import { ChartLegend, InfluenceChart } from './InfluenceLinks'
import { OrgChartViewport } from './OrgChartViewport'

/** Card borders and tag text by stance; dark enough for text on the tags' light tints (WCAG AA). */
export const stanceColor: Record<string, string> = {
  champion: '#237804',
  supporter: '#006d75',
  neutral: '#595959',
  skeptic: '#ad4e00',
  blocker: '#cf1322',
}
const DAY_MS = 86_400_000

export function LastContact({ at }: { at: string | null }) {
  const { t } = useTranslation()
  if (!at) return <Tag color="red">{t('decisionMap.never')}</Tag>
  const days = Math.floor((Date.now() - new Date(at).getTime()) / DAY_MS)
  return <Tag color={days > 60 ? 'orange' : undefined}>{t('decisionMap.daysAgo', { count: days })}</Tag>
}

/**
 * The columns a committee table shares (the account's map and a deal's committee): buying role, stance
 * and influence after the name, then `middle`, then last contact and the next best action.
 */
export function committeeColumns(
  t: TFunction,
  name: TableColumnsType<DecisionMapContact>[number],
  middle: TableColumnsType<DecisionMapContact> = [],
): TableColumnsType<DecisionMapContact> {
  return [
    name,
    {
      key: 'role',
      title: t('fields.buyingRole'),
      render: (_, c) => (c.buyingRole ? t(`enums.buyingRole.${c.buyingRole}`) : '—'),
    },
    {
      key: 'stance',
      title: t('fields.stance'),
      render: (_, c) =>
        c.stance ? <Tag color={stanceColor[c.stance]}>{t(`enums.stance.${c.stance}`)}</Tag> : '—',
    },
    { key: 'influence', title: t('decisionMap.influence'), dataIndex: 'influence' },
    ...middle,
    {
      key: 'last',
      title: t('decisionMap.lastContact'),
      render: (_, c) =>
        c.former ? <Tag>{t('decisionMap.former')}</Tag> : <LastContact at={c.lastContactAt} />,
    },
    { key: 'nba', title: t('decisionMap.nextBestAction'), render: (_, c) => c.nextBestAction.message },
  ]
}

type NodeProps = {
  c: DecisionMapContact
  byParent: Map<string | null, DecisionMapContact[]>
  gapIds: Set<string>
  onOpen: (c: DecisionMapContact) => void
  onMove?: (id: string, reportsToId: string | null) => void
}

function Node({ c, byParent, gapIds, onOpen, onMove }: NodeProps) {
  const { t } = useTranslation()
  const [over, setOver] = useState(false)
  const influence = c.influence ?? 1
  const kids = byParent.get(c.id) ?? []
  const drop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    const id = e.dataTransfer.getData('text/contact-id')
    if (id && id !== c.id) onMove?.(id, c.id)
  }
  return (
    <li>
      <Tooltip title={[c.title, c.nextBestAction.message].filter(Boolean).join(' · ')}>
        <div
          className="org-node"
          role="button"
          tabIndex={0}
          data-testid={`dm-node-${c.id}`}
          data-node-id={c.id}
          draggable={!!onMove}
          onDragStart={(e) => e.dataTransfer.setData('text/contact-id', c.id)}
          onDragOver={(e) => {
            e.preventDefault()
            setOver(true)
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
          onClick={() => onOpen(c)}
          onKeyDown={(e) => e.key === 'Enter' && onOpen(c)}
          style={{
            borderColor: stanceColor[c.stance ?? 'neutral'],
            borderWidth: influence >= 4 ? 3 : 1,
            borderStyle: c.placeholder ? 'dashed' : 'solid',
            opacity: c.former ? 0.45 : 1,
            padding: 6 + influence * 2,
            fontSize: 12 + influence,
            cursor: 'pointer',
            outline: over ? '2px dashed #1677ff' : undefined,
          }}
        >
          <Badge dot={gapIds.has(c.id)} offset={[6, 0]}>
            <div style={{ fontWeight: 600 }}>{c.name}</div>
          </Badge>
          <div className="org-sub">{c.title ?? ''}</div>
          <div>
            {c.buyingRole && <Tag>{t(`enums.buyingRole.${c.buyingRole}`)}</Tag>}
            {c.stance && <Tag color={stanceColor[c.stance]}>{t(`enums.stance.${c.stance}`)}</Tag>}
            {c.former && <Tag>{t('decisionMap.former')}</Tag>}
            {c.placeholder && <Tag color="gold">{t('decisionMap.placeholder')}</Tag>}
            {!c.former && !c.placeholder && <LastContact at={c.lastContactAt} />}
          </div>
        </div>
      </Tooltip>
      {kids.length > 0 && (
        <ul>
          {kids.map((k) => (
            <Node key={k.id} c={k} byParent={byParent} gapIds={gapIds} onOpen={onOpen} onMove={onMove} />
          ))}
        </ul>
      )}
    </li>
  )
}

function Chart({ map, ...rest }: { map: Map_ } & Omit<NodeProps, 'c' | 'byParent'>) {
  const { t } = useTranslation()
  const ids = new Set(map.contacts.map((c) => c.id))
  const byParent = new Map<string | null, DecisionMapContact[]>()
  for (const c of map.contacts) {
    const parent = c.reportsToId && ids.has(c.reportsToId) ? c.reportsToId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), c])
  }
  return (
    <>
      {rest.onMove && (
        <div
          className="org-sub"
          style={{ border: '1px dashed #d9d9d9', padding: 8, marginBottom: 8, textAlign: 'center' }}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault()
            const id = e.dataTransfer.getData('text/contact-id')
            if (id) rest.onMove?.(id, null)
          }}
        >
          {t('decisionMap.topLevel')} · {t('decisionMap.dragHint')}
        </div>
      )}
      <OrgChartViewport>
        <InfluenceChart contacts={map.contacts}>
          <ul>
            {(byParent.get(null) ?? []).map((r) => (
              <Node key={r.id} c={r} byParent={byParent} {...rest} />
            ))}
          </ul>
        </InfluenceChart>
      </OrgChartViewport>
      <ChartLegend />
    </>
  )
}

/**
 * The buying committee: gaps above, then an org chart (colour = stance, border and size =
 * influence, former contacts faded; drag a card onto another to re-parent; dashed arrows for who
 * influences whom) or a table, and a side panel per contact with the next best action, the role's
 * playbook and the influence links.
 */
export function DecisionMap({
  accountId,
  canEdit,
  onAdd,
}: {
  accountId: string
  canEdit?: boolean
  onAdd?: (role?: string) => void
}) {
  const { t } = useTranslation()
  const q = useDecisionMap(accountId)
  const move = useReportsTo(accountId)
  const influence = useInfluences(accountId)
  const [view, setView] = useState<'chart' | 'table'>('chart')
  const [openId, setOpenId] = useState<string | null>(null)
  if (q.isLoading) return <LoadingState rows={6} />
  if (q.isError || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const map = q.data
  const onMove = canEdit
    ? (id: string, reportsToId: string | null) =>
        move.mutate(
          { id, reportsToId },
          {
            onSuccess: () => void message.success(t('decisionMap.moved')),
            onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
          },
        )
    : undefined
  const onInfluences = canEdit
    ? (c: DecisionMapContact, influences: string[]) =>
        influence.mutate(
          { id: c.id, version: c.version, influences },
          {
            onSuccess: () => void message.success(t('decisionMap.influencesSaved')),
            onError: (err) =>
              void message.error(
                err instanceof ApiError
                  ? [err.message, ...err.errors.map((e) => e.message)].join(' · ')
                  : String(err),
              ),
          },
        )
    : undefined
  const gapIds = new Set(map.gaps.flatMap((g) => (g.contactId ? [g.contactId] : [])))
  const byId = new Map(map.contacts.map((c) => [c.id, c]))
  return (
    <>
      <GapList gaps={map.gaps} onAdd={onAdd} />
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('account360.orgChart')}
        </Typography.Title>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('decisionMap.chart') },
            { value: 'table', label: t('decisionMap.table') },
          ]}
        />
      </Space>
      {map.contacts.length === 0 ? (
        <EmptyState
          description={t('account360.noContacts')}
          action={onAdd ? { label: t('account360.addContact'), onClick: () => onAdd() } : undefined}
        />
      ) : view === 'chart' ? (
        <Chart map={map} gapIds={gapIds} onOpen={(c) => setOpenId(c.id)} onMove={onMove} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={map.contacts}
          pagination={false}
          onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { opacity: c.former ? 0.45 : 1 } })}
          columns={committeeColumns(t, { key: 'name', title: t('fields.name'), dataIndex: 'name' }, [
            { key: 'rel', title: t('decisionMap.relationship'), dataIndex: 'relationshipStrength' },
            {
              key: 'reportsTo',
              title: t('decisionMap.reportsTo'),
              render: (_, c) => (c.reportsToId ? (byId.get(c.reportsToId)?.name ?? '—') : '—'),
            },
            {
              key: 'influences',
              title: t('decisionMap.influences'),
              render: (_, c) =>
                c.influences.length
                  ? c.influences.map((id) => (
                      <Tag key={id} color="purple">
                        {byId.get(id)?.name ?? '—'}
                      </Tag>
                    ))
                  : '—',
            },
          ])}
        />
      )}
      <ContactPanel
        contact={openId ? (byId.get(openId) ?? null) : null}
        map={map}
        onClose={() => setOpenId(null)}
        onReportsTo={onMove}
        onInfluences={onInfluences}
      />
    </>
  )
}

/** The 360° header's gap count, a button opening the decision map tab. */
export function DecisionMapGapCount({ accountId, onOpen }: { accountId: string; onOpen: () => void }) {
  const { t } = useTranslation()
  const q = useDecisionMap(accountId)
  const n = q.data?.gaps.length
  if (!n) return null
  return (
    <Button
      size="small"
      icon={<WarningOutlined />}
      onClick={onOpen}
      style={{ color: '#ad4e00', background: '#fff7e6', borderColor: '#ffd591' }}
      data-testid="dm-gap-count"
    >
      {t('decisionMap.gapCount', { count: n })}
    </Button>
  )
}
