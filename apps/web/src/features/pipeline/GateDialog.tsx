import { useState } from 'react'
import { Alert, App, Button, Input, Modal, Space, Tag, Typography, Upload } from 'antd'
import { LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import type { Opportunity } from '../reports/data'
import {
  attachDeliverable,
  mayWaive,
  moveStage,
  pipelineKeys,
  uploadFile,
  useDeliverables,
  type Waiver,
} from './pipeline.queries'

export type GateRefusal = { opp: Opportunity; to: string; missing: string[] }

type Item = { key: string; label: string; stage: string; stageName: string; waiverRoles: string[] }

/**
 * A refused move (422 stage_gate): the deliverables still missing, each to attach (a link or a file) or —
 * for people whose role the stage allows — to waive with a reason; then the move again, with the waivers.
 */
export function GateDialog({
  refusal,
  stageName,
  onMoved,
  onCancel,
}: {
  refusal: GateRefusal
  stageName: (key: string) => string
  onMoved: (updated: Opportunity) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const { opp, to } = refusal
  const [missing, setMissing] = useState(refusal.missing)
  const [waivers, setWaivers] = useState<Record<string, string>>({})
  const [editing, setEditing] = useState<{ key: string; mode: 'link' | 'waive' } | null>(null)
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const list = useDeliverables(opp.id)

  const items: Item[] = missing.map((key) => {
    const s = list.data?.stages.find((x) => [...x.required, ...x.optional].some((d) => d.key === key))
    const d = s && [...s.required, ...s.optional].find((x) => x.key === key)
    return {
      key,
      label: d?.label ?? t(`pipeline.deliverable.${key}`, { defaultValue: key }),
      stage: s?.stage ?? '',
      stageName: s?.name ?? '',
      waiverRoles: s?.waiverRoles ?? [],
    }
  })
  const statusOf = (key: string) =>
    waivers[key] !== undefined
      ? 'waive'
      : list.data?.stages.flatMap((s) => s.required).find((d) => d.key === key)?.status

  const refresh = () => qc.invalidateQueries({ queryKey: pipelineKeys.deliverables(opp.id) })
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e))

  const attachLink = async (item: Item) => {
    setBusy(item.key)
    setError(null)
    try {
      await attachDeliverable(opp.id, { key: item.key, title: item.label, url: draft.trim() })
      setEditing(null)
      setDraft('')
      await refresh()
    } catch (e) {
      fail(e instanceof ApiError && e.errors[0] ? e.errors[0].message : e)
    } finally {
      setBusy(null)
    }
  }

  const attachFile = async (item: Item, file: File) => {
    setBusy(item.key)
    setError(null)
    try {
      const stored = await uploadFile(file)
      await attachDeliverable(opp.id, { key: item.key, title: stored.name, fileId: stored.id })
      await refresh()
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const retry = async () => {
    setBusy('move')
    setError(null)
    const given: Waiver[] = Object.entries(waivers).map(([deliverable, reason]) => ({ deliverable, reason }))
    try {
      const updated = await moveStage(opp.id, to, given)
      void message.success(t('pipeline.moved', { stage: stageName(to) }))
      onMoved(updated)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stage_gate' && Array.isArray(e.body.missing)) {
        setMissing(e.body.missing.map(String))
        setError(t('gate.stillMissing'))
        void refresh()
      } else fail(e)
    } finally {
      setBusy(null)
    }
  }

  return (
    <Modal
      open
      title={t('gate.title', { name: opp.name })}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="retry"
          type="primary"
          loading={busy === 'move'}
          disabled={!list.data || items.some((i) => (statusOf(i.key) ?? 'missing') === 'missing')}
          onClick={() => void retry()}
        >
          {t('gate.retry', { stage: stageName(to) })}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('gate.intro', { stage: stageName(to) })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('gate.listLabel')}>
        {items.map((item) => {
          const status = statusOf(item.key) ?? 'missing'
          const canWaive = mayWaive(me, item.waiverRoles)
          const open = editing?.key === item.key ? editing.mode : null
          return (
            <li
              key={item.key}
              aria-label={item.label}
              data-testid={`gate-item-${item.key}`}
              style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
                <Typography.Text strong style={{ flex: 1, minWidth: 180 }}>
                  {item.label}
                  {item.stageName && (
                    <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 6 }}>
                      · {item.stageName}
                    </Typography.Text>
                  )}
                </Typography.Text>
                <Tag color={status === 'attached' ? 'green' : status === 'missing' ? 'red' : 'gold'}>
                  {t(`gate.status.${status}`)}
                </Tag>
                {status === 'missing' && (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      icon={<LinkOutlined />}
                      onClick={() => {
                        setEditing({ key: item.key, mode: 'link' })
                        setDraft('')
                      }}
                    >
                      {t('gate.attachLink')}
                    </Button>
                    <Upload
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void attachFile(item, file)
                        return false
                      }}
                    >
                      <Button size="small" icon={<UploadOutlined />} loading={busy === item.key}>
                        {t('gate.upload')}
                      </Button>
                    </Upload>
                    {canWaive && (
                      <Button
                        size="small"
                        onClick={() => {
                          setEditing({ key: item.key, mode: 'waive' })
                          setDraft('')
                        }}
                      >
                        {t('gate.waive')}
                      </Button>
                    )}
                  </Space>
                )}
                {status === 'waive' && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setWaivers(({ [item.key]: _gone, ...rest }) => rest)}
                  >
                    {t('gate.undoWaiver')}
                  </Button>
                )}
              </div>
              {status === 'waive' && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('gate.waiverReason')}: {waivers[item.key]}
                </Typography.Text>
              )}
              {open && (
                <div style={{ display: 'flex', gap: 8, marginTop: 8, alignItems: 'flex-start' }}>
                  {open === 'link' ? (
                    <Input
                      autoFocus
                      prefix={<PaperClipOutlined />}
                      aria-label={t('gate.linkFor', { label: item.label })}
                      placeholder="https://"
                      value={draft}
                      onChange={(e) => setDraft(e.target.value)}
                      onPressEnter={() => draft.trim() && void attachLink(item)}
                    />
                  ) : (
                    <Input.TextArea
                      autoFocus
                      aria-label={t('gate.reasonFor', { label: item.label })}
                      placeholder={t('gate.reasonPlaceholder')}
                      autoSize={{ minRows: 2, maxRows: 4 }}
                      maxLength={1000}
                      value={draft}
                      onChange={(e) => setDraft(e.target.value)}
                    />
                  )}
                  <Button
                    type="primary"
                    disabled={!draft.trim()}
                    loading={busy === item.key}
                    onClick={() => {
                      if (open === 'link') void attachLink(item)
                      else {
                        setWaivers((w) => ({ ...w, [item.key]: draft.trim() }))
                        setEditing(null)
                      }
                    }}
                  >
                    {open === 'link' ? t('gate.attach') : t('gate.confirmWaiver')}
                  </Button>
                  <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
                </div>
              )}
            </li>
          )
        })}
      </ul>
      {!items.some((i) => mayWaive(me, i.waiverRoles)) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
          {t('gate.askForWaiver')}
        </Typography.Paragraph>
      )}
    </Modal>
  )
}
