import { useMemo } from 'react'
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd'
import { CopyOutlined } from '@ant-design/icons'
import {
  approvalEvents,
  opportunityStages,
  triggerKinds,
  type ApprovalEvent,
  type Rule,
} from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { fieldId, Labeled } from './Labeled'
import { entityOf, switchKind, type TriggerDraft, type TriggerKind } from './rule-draft'
import { labelOf, pathOf } from '../records/meta'
import { useRuleCustomFields } from './rule-custom-fields'
import { fieldOfPath, fieldsOfEntity, isDateField } from './rule-fields'
import { cronPresets, triggerSummary } from './rule-summary'
import { entityName, isDeletedObject, useRuleEntities } from './rule-entities'
import { ValueInput } from './ValueInput'

const needsEntity: TriggerKind[] = [
  'record_created',
  'record_updated',
  'record_deleted',
  'field_changed',
  'date_reached',
  'approval_event',
]
const optionalEntity: TriggerKind[] = ['schedule', 'webhook']

const timezones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'UTC']
  }
})()

/** The trigger of a rule: what happens (or when) that makes it run, on which record type. */
export function TriggerSection({
  trigger,
  onChange,
  rule,
}: {
  trigger: TriggerDraft
  onChange: (t: TriggerDraft) => void
  rule?: Rule | null
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const entity = entityOf(trigger)
  const set = (patch: Partial<TriggerDraft>) => onChange({ ...trigger, ...patch })
  useRuleCustomFields(entity)
  const fields = fieldsOfEntity(entity)
  const fieldOptions = useMemo(() => {
    // Date triggers watch the record's date fields, built-in or custom.
    const own = fields
      .filter((f) => trigger.kind !== 'date_reached' || isDateField(f))
      .map((f) => ({ value: pathOf(f), label: labelOf(f, (k) => t(k, { defaultValue: f.key })) }))
    // A field the metadata does not list (e.g. from a template) stays choosable under its own name.
    return trigger.field && !own.some((o) => o.value === trigger.field)
      ? [...own, { value: trigger.field, label: trigger.field }]
      : own
  }, [fields, trigger.kind, trigger.field, t])
  const entities = useRuleEntities()
  // A custom object deleted since the rule was saved stays shown under its key.
  const entityOptions =
    trigger.entity && isDeletedObject(trigger.entity)
      ? [...entities.options, { value: trigger.entity as string, label: entityName(trigger.entity, t) }]
      : entities.options
  const changedField = trigger.field ? fieldOfPath(entity, trigger.field) : undefined
  const stageOptions = opportunityStages.map((s) => ({ value: s, label: t(`enums.stage.${s}`) }))
  const days = Math.abs(trigger.offsetDays ?? 0)
  const direction = (trigger.offsetDays ?? 0) < 0 ? 'before' : (trigger.offsetDays ?? 0) > 0 ? 'after' : 'on'
  const hookUrl =
    rule?.hookKey && rule.trigger.kind === 'webhook'
      ? `${window.location.origin}/api/v1/hooks/rules/${rule.id}/${rule.hookKey}`
      : null
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(hookUrl ?? '')
      void message.success(t('automation.copied'))
    } catch {
      void message.error(t('automation.copyFailed'))
    }
  }

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Labeled label={t('automation.triggerKind')} path="trigger.kind" required>
            <Select
              id={fieldId('trigger.kind')}
              value={trigger.kind}
              onChange={(k: TriggerKind) => onChange(switchKind(trigger, k))}
              options={triggerKinds.map((k) => ({ value: k, label: t(`automation.triggerKinds.${k}`) }))}
            />
          </Labeled>
        </Col>
        <Col xs={24} md={12}>
          {trigger.kind === 'stage_changed' ? (
            <Labeled label={t('automation.entity')} path="trigger.entity">
              <Input id={fieldId('trigger.entity')} value={t('settings.entityTypes.opportunity')} disabled />
            </Labeled>
          ) : (
            <Labeled
              label={t('automation.entity')}
              path="trigger.entity"
              required={needsEntity.includes(trigger.kind)}
              extra={
                optionalEntity.includes(trigger.kind)
                  ? t(
                      trigger.kind === 'schedule'
                        ? 'automation.scheduleEntityHelp'
                        : 'automation.webhookEntityHelp',
                    )
                  : undefined
              }
            >
              <Select
                id={fieldId('trigger.entity')}
                allowClear={optionalEntity.includes(trigger.kind)}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('automation.chooseEntity')}
                value={trigger.entity}
                onChange={(e) =>
                  onChange({
                    ...trigger,
                    entity: e ?? undefined,
                    field: undefined,
                    from: undefined,
                    to: undefined,
                  })
                }
                options={entityOptions}
              />
            </Labeled>
          )}
        </Col>
      </Row>

      {(trigger.kind === 'field_changed' || trigger.kind === 'date_reached') && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Labeled
              label={trigger.kind === 'date_reached' ? t('automation.dateField') : t('automation.field')}
              path="trigger.field"
              required
            >
              <Select
                id={fieldId('trigger.field')}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={entity ? t('automation.chooseField') : t('automation.chooseEntityFirst')}
                disabled={!entity}
                value={trigger.field}
                onChange={(f: string) => set({ field: f, from: undefined, to: undefined })}
                options={fieldOptions}
              />
            </Labeled>
          </Col>
          {trigger.kind === 'date_reached' && (
            <Col xs={24} md={12}>
              <Labeled label={t('automation.offset')} path="trigger.offsetDays" required>
                <Space.Compact style={{ width: '100%' }}>
                  <InputNumber
                    id={fieldId('trigger.offsetDays')}
                    aria-label={t('automation.days')}
                    min={0}
                    max={3650}
                    precision={0}
                    disabled={direction === 'on'}
                    value={days}
                    onChange={(v) => set({ offsetDays: (v ?? 0) * (direction === 'before' ? -1 : 1) })}
                    style={{ width: 110 }}
                  />
                  <Space.Addon>{t('automation.days')}</Space.Addon>
                  <Select
                    aria-label={t('automation.offsetDirection')}
                    value={direction}
                    onChange={(d) =>
                      set({ offsetDays: d === 'on' ? 0 : (days || 30) * (d === 'before' ? -1 : 1) })
                    }
                    options={(['before', 'on', 'after'] as const).map((d) => ({
                      value: d,
                      label: t(`automation.offsetDirections.${d}`),
                    }))}
                    style={{ minWidth: 140 }}
                  />
                </Space.Compact>
              </Labeled>
            </Col>
          )}
        </Row>
      )}

      {(trigger.kind === 'field_changed' || trigger.kind === 'stage_changed') && (
        <Row gutter={16}>
          {(['from', 'to'] as const).map((side) => (
            <Col xs={24} md={12} key={side}>
              <Labeled
                label={t(side === 'from' ? 'automation.changedFrom' : 'automation.changedTo')}
                path={`trigger.${side}`}
              >
                {trigger.kind === 'stage_changed' ? (
                  <Select
                    id={fieldId(`trigger.${side}`)}
                    allowClear
                    placeholder={t('automation.anyValue')}
                    value={(trigger[side] as string | undefined) ?? undefined}
                    onChange={(v?: string) => set({ [side]: v ?? undefined })}
                    options={stageOptions}
                  />
                ) : (
                  <ValueInput
                    id={fieldId(`trigger.${side}`)}
                    field={changedField}
                    placeholder={t('automation.anyValue')}
                    value={trigger[side]}
                    onChange={(v) => set({ [side]: v })}
                  />
                )}
              </Labeled>
            </Col>
          ))}
        </Row>
      )}

      {trigger.kind === 'approval_event' && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Labeled
              label={t('automation.approvalEvent')}
              path="trigger.event"
              required
              extra={t('automation.approvalEventHelp')}
            >
              <Select
                id={fieldId('trigger.event')}
                placeholder={t('automation.chooseApprovalEvent')}
                value={trigger.event}
                onChange={(event: ApprovalEvent) => set({ event })}
                options={approvalEvents.map((e) => ({
                  value: e,
                  label: t(`automation.approvalEvents.${e}`),
                }))}
              />
            </Labeled>
          </Col>
        </Row>
      )}

      {trigger.kind === 'schedule' && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Labeled
              label={t('automation.cron')}
              path="trigger.cron"
              required
              extra={
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  {cronPresets.map((p) => (
                    <Button key={p.key} size="small" onClick={() => set({ cron: p.cron })}>
                      {t(`automation.cronPresets.${p.key}`)}
                    </Button>
                  ))}
                </Space>
              }
            >
              <Input
                id={fieldId('trigger.cron')}
                value={trigger.cron ?? ''}
                placeholder="0 9 * * 1"
                onChange={(e) => set({ cron: e.target.value })}
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
              />
            </Labeled>
          </Col>
          <Col xs={24} md={12}>
            <Labeled label={t('automation.timezone')} path="trigger.timezone">
              <AutoComplete
                id={fieldId('trigger.timezone')}
                value={trigger.timezone ?? 'Asia/Shanghai'}
                onChange={(v: string) => set({ timezone: v })}
                options={timezones.map((z) => ({ value: z }))}
                showSearch={{
                  filterOption: (input, o) =>
                    String(o?.value ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
              />
            </Labeled>
          </Col>
        </Row>
      )}

      {trigger.kind === 'webhook' &&
        (hookUrl ? (
          <Labeled label={t('automation.hookUrl')} path="trigger.hook" extra={t('automation.hookHelp')}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                id={fieldId('trigger.hook')}
                readOnly
                value={hookUrl}
                onFocus={(e) => e.target.select()}
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
              />
              <Button icon={<CopyOutlined />} onClick={() => void copy()}>
                {t('automation.copy')}
              </Button>
            </Space.Compact>
          </Labeled>
        ) : (
          <Alert type="info" showIcon title={t('automation.hookAfterSave')} style={{ marginBottom: 16 }} />
        ))}

      <Typography.Text type="secondary">
        {t('automation.inWords')}: <Typography.Text strong>{triggerSummary(trigger, t)}</Typography.Text>
      </Typography.Text>
    </>
  )
}
