import { useState } from 'react'
import { Alert, Button, Card, Input, Select, Space, Tag, Typography } from 'antd'
import { ExperimentOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ApiError, get, post, type Page } from '../../shared/api/client'
import type { DryRunResult } from './automation.queries'
import { entityOf, errorPath, ruleBody, type RuleDraft, type TriggerKind } from './rule-draft'
import { validateDraft, type Issue } from './rule-paths'
import { listApiOf, metaOfEntity, recordPathOf } from './rule-fields'
import { entityA, entityName } from './rule-entities'
import { ActionOutcomeList, ConditionTraceList } from './TracePanels'

/** A search-as-you-type select over the records of one collection, labelled by their title field. */
function RecordPicker({
  entity,
  value,
  onChange,
}: {
  entity: string
  value?: string
  onChange: (id?: string) => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const api = listApiOf(entity) ?? ''
  const titleField = metaOfEntity(entity)?.titleField ?? 'name'
  const res = useQuery({
    queryKey: [api, 'pick', q],
    queryFn: () => get<Page<Record<string, any>>>(api, { q: q || undefined, limit: 20 }),
    enabled: !!api,
  })
  return (
    <Select
      id="dry-run-record"
      style={{ width: '100%' }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('automation.pickRecord', {
        entity: entityName(entity, t),
        a: entityA(entity, t),
      })}
      loading={res.isFetching}
      value={value}
      onChange={(v?: string) => onChange(v ?? undefined)}
      options={(res.data?.data ?? []).map((r) => ({
        value: r.id as string,
        label: String(r[titleField] ?? r.id),
      }))}
      notFoundContent={res.isFetching ? t('common.loading') : t('common.noResults')}
    />
  )
}

/**
 * "Try it": runs the unsaved definition against a chosen record (or payload) on the server without
 * changing anything, and shows which conditions held and what each action would do.
 */
/** Triggers whose runs carry a payload worth trying (the posted body, or the approval request). */
const payloadKinds: TriggerKind[] = ['webhook', 'schedule', 'approval_event']

export function DryRunPanel({
  draft,
  onInvalid,
}: {
  draft: RuleDraft
  onInvalid: (issues: Issue[]) => void
}) {
  const { t } = useTranslation()
  const entity = entityOf(draft.trigger)
  const needsEntity = !entity && draft.trigger.kind !== 'schedule' && draft.trigger.kind !== 'webhook'
  const [recordId, setRecordId] = useState<string>()
  const [payload, setPayload] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const run = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<DryRunResult>('/rules/dry-run', body),
    onMutate: () => setProblem(null),
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) {
        onInvalid(e.errors.map((x) => ({ path: errorPath(x.path), message: x.message })))
        setProblem(t('automation.fixFirst'))
      } else setProblem(e instanceof Error ? e.message : String(e))
    },
  })
  const start = () => {
    const found = validateDraft(draft, t)
    if (found.length) {
      onInvalid(found)
      setProblem(t('automation.fixFirst'))
      return
    }
    const rule = ruleBody(draft)
    let parsed: Record<string, unknown> | undefined
    if (payload.trim()) {
      try {
        parsed = JSON.parse(payload)
      } catch {
        setProblem(t('automation.payloadInvalid'))
        return
      }
    }
    run.mutate({ rule, ...(entity && recordId ? { recordId } : {}), ...(parsed ? { payload: parsed } : {}) })
  }
  const result = run.data
  const recordPath = entity && recordId ? recordPathOf(entity, recordId) : null
  return (
    <Card
      size="small"
      title={
        <Space>
          <ExperimentOutlined />
          {t('automation.tryIt')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('automation.tryItHelp')}
      </Typography.Paragraph>
      {entity ? (
        <div style={{ marginBottom: 12 }}>
          <label htmlFor="dry-run-record" style={{ display: 'block', marginBottom: 4 }}>
            {t('automation.record')}
          </label>
          <RecordPicker key={entity} entity={entity} value={recordId} onChange={setRecordId} />
        </div>
      ) : (
        <Typography.Paragraph type="secondary">
          {needsEntity ? t('automation.chooseEntityFirst') : t('automation.noRecordNeeded')}
        </Typography.Paragraph>
      )}
      {payloadKinds.includes(draft.trigger.kind) && (
        <div style={{ marginBottom: 12 }}>
          <label htmlFor="dry-run-payload" style={{ display: 'block', marginBottom: 4 }}>
            {t('automation.payload')}
          </label>
          <Input.TextArea
            id="dry-run-payload"
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={
              draft.trigger.kind === 'approval_event'
                ? '{"approval": {"status": "approved"}}'
                : '{"source": "website"}'
            }
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
          />
        </div>
      )}
      <Button
        type="primary"
        icon={<ExperimentOutlined />}
        loading={run.isPending}
        disabled={
          !!entity && !recordId && draft.trigger.kind !== 'schedule' && draft.trigger.kind !== 'webhook'
        }
        onClick={start}
        block
      >
        {t('automation.runDry')}
      </Button>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      {result && !run.isPending && (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <Space wrap style={{ marginBottom: 8 }}>
            {result.matched ? (
              <Tag color="green">{t('automation.wouldRun')}</Tag>
            ) : (
              <Tag>{t('automation.wouldNotRun')}</Tag>
            )}
            {recordPath && <Link to={recordPath}>{t('automation.openRecord')}</Link>}
          </Space>
          <Typography.Title level={5}>{t('automation.conditions')}</Typography.Title>
          <ConditionTraceList conditions={result.conditions} entity={entity} compact />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('automation.actions')}
          </Typography.Title>
          <ActionOutcomeList actions={result.actions} entity={entity} compact />
        </div>
      )}
    </Card>
  )
}
