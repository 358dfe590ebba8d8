import { useEffect, useState } from 'react'
import { Alert, App as AntApp, Empty, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import {
  classColor,
  liveTotal,
  useAccountPotential,
  useScorePotential,
  useScoringModels,
} from './qualification.queries'

/**
 * The potential scoring dialog (SPEC R-02): one 1–5 choice per dimension with the rubric text of the
 * chosen level beside it, the live total and class, a note, and the history of scores.
 */
export function PotentialDialog({
  accountId,
  open,
  onClose,
  editable,
}: {
  accountId: string
  open: boolean
  onClose: () => void
  editable: boolean
}) {
  const { t, i18n } = useTranslation()
  const { message } = AntApp.useApp()
  const models = useScoringModels()
  const potential = useAccountPotential(accountId, open)
  const save = useScorePotential(accountId)
  const model = models.data?.data.find((m) => m.isDefault) ?? models.data?.data[0]
  const [scores, setScores] = useState<Record<string, number>>({})
  const [note, setNote] = useState('')
  const current = potential.data?.current

  // Start from the current scores once per opening (a background refetch must not reset the choices).
  const ready = open && !potential.isLoading && !models.isLoading
  const [started, setStarted] = useState(false)
  useEffect(() => {
    if (!open) setStarted(false)
    else if (ready && !started) {
      setStarted(true)
      setNote('')
      setScores(current && current.modelId === model?.id ? { ...current.scores } : {})
    }
  }, [open, ready, started, current, model?.id])

  const live = liveTotal(model, scores)
  const submit = async () => {
    try {
      const r = await save.mutateAsync({ scores, note: note || undefined, modelId: model?.id })
      void message.success(t('qualification.score.saved', { total: r.total.toFixed(2), cls: r.class }))
      onClose()
    } catch (e) {
      void message.error(
        e instanceof ApiError && e.errors.length
          ? e.errors.map((x) => x.message).join('; ')
          : String((e as Error).message),
      )
    }
  }

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('qualification.score.title')}
      width={760}
      okText={t('qualification.score.save')}
      onOk={() => void submit()}
      okButtonProps={{ disabled: !editable || !live, loading: save.isPending }}
      destroyOnHidden
    >
      {models.isLoading || potential.isLoading ? (
        <LoadingState />
      ) : models.error || potential.error ? (
        <ErrorState error={models.error ?? potential.error} />
      ) : !model ? (
        <Alert type="warning" message={t('qualification.score.noModel')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('qualification.score.model')}: {model.name} ·{' '}
            {t('qualification.score.bandsHelp', { A: model.bands?.A ?? 4, B: model.bands?.B ?? 3 })}
          </Typography.Paragraph>
          {(model.dimensions ?? []).map((d) => {
            const v = scores[d.key]
            return (
              <div key={d.key} style={{ marginBottom: 14 }}>
                <Space wrap style={{ marginBottom: 4 }}>
                  <Typography.Text strong>{d.label}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('qualification.score.weight', { pct: d.weight })}
                  </Typography.Text>
                </Space>
                <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                  <Radio.Group
                    aria-label={d.label}
                    disabled={!editable}
                    optionType="button"
                    buttonStyle="solid"
                    value={v}
                    onChange={(e) => setScores((s) => ({ ...s, [d.key]: e.target.value as number }))}
                    options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))}
                  />
                  <Typography.Text style={{ flex: 1, minWidth: 220 }} type={v ? undefined : 'secondary'}>
                    {v ? d.rubric[v - 1] : '—'}
                  </Typography.Text>
                </div>
              </div>
            )
          })}
          <Space size="large" style={{ margin: '8px 0 12px' }} aria-live="polite">
            <span>
              {t('qualification.score.total')}:{' '}
              <Typography.Text strong style={{ fontSize: 20 }}>
                {live ? live.total.toFixed(2) : '—'}
              </Typography.Text>
            </span>
            <span>
              {t('qualification.score.classLabel')}:{' '}
              {live ? <Tag color={classColor[live.cls]}>{live.cls}</Tag> : '—'}
            </span>
          </Space>
          {editable && (
            <Input.TextArea
              aria-label={t('qualification.score.note')}
              placeholder={t('qualification.score.notePlaceholder')}
              value={note}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 5 }}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('qualification.score.history')}
          </Typography.Title>
          {!potential.data?.history.length ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('qualification.score.noHistory')} />
          ) : (
            <List
              size="small"
              dataSource={potential.data.history}
              renderItem={(h) => (
                <List.Item>
                  <Space wrap>
                    <Tag color={classColor[h.class]}>{h.class}</Tag>
                    <Typography.Text strong>{h.total.toFixed(2)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {new Date(h.scoredAt).toLocaleString(i18n.language)}
                      {h.scoredByName ? ` · ${t('qualification.score.by', { name: h.scoredByName })}` : ''}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {h.contributions.map((c) => `${c.label ?? c.dimension} ${c.score}`).join(' · ')}
                    </Typography.Text>
                    {h.note && <Typography.Text>“{h.note}”</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Modal>
  )
}
