import { Button, Input, Radio, Select, Space, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { conditionOps, type ConditionOp } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { fieldId, Labeled } from './Labeled'
import {
  dayOps,
  isGroup,
  listOps,
  valueForOp,
  valuelessOps,
  type ConditionDraft,
  type GroupDraft,
} from './rule-draft'
import { useRuleCustomFields } from './rule-custom-fields'
import { conditionFieldGroups, fieldOfPath, isDateField, type FieldGroup } from './rule-fields'
import { ValueInput } from './ValueInput'
import type { Field } from '../records/meta'

const rowStyle = { display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' } as const
const nestedStyle = {
  borderLeft: '3px solid #d6e0f5',
  background: '#fafbfd',
  padding: '8px 12px',
  margin: '0 0 12px',
  borderRadius: 4,
} as const

/** `extra`: fields the object model does not list but the API has (e.g. a ticket's channel). */
type Ctx = { entity?: string; groups: FieldGroup[]; extra?: Field[]; emptyText?: string }

const fieldIn = (ctx: Ctx, path: string) =>
  ctx.extra?.find((f) => f.key === path) ?? fieldOfPath(ctx.entity, path)

const orderOps: ConditionOp[] = ['gt', 'gte', 'lt', 'lte']
/** Custom field types the server will not order (greater/less): choices, yes/no, links. */
const unordered = new Set(['bool', 'enum', 'multi_select', 'relation', 'user', 'file'])

/**
 * Operators that make sense for a field: relative-date ones only for dates (or unknown fields); for a
 * custom field, greater/less only where its type has an order (the server refuses the others).
 */
function opsFor(ctx: Ctx, field: string): ConditionOp[] {
  const f = field ? fieldIn(ctx, field) : undefined
  return conditionOps.filter(
    (op) =>
      (!dayOps.includes(op) || !f || isDateField(f)) &&
      !(f?.custom && unordered.has(f.type) && orderOps.includes(op)),
  )
}

function ConditionRow({
  cond,
  path,
  ctx,
  onChange,
  onRemove,
}: {
  cond: ConditionDraft
  path: string
  ctx: Ctx
  onChange: (c: ConditionDraft) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const field = cond.field ? fieldIn(ctx, cond.field) : undefined
  const known = ctx.groups.some((g) => g.options.some((o) => o.value === cond.field))
  const groups =
    cond.field && !known && ctx.groups.length
      ? [
          ...ctx.groups,
          { label: t('automation.fieldGroups.other'), options: [{ value: cond.field, label: cond.field }] },
        ]
      : ctx.groups
  const mode = dayOps.includes(cond.op) ? 'days' : listOps.includes(cond.op) ? 'list' : 'single'
  return (
    <div style={rowStyle}>
      <Labeled
        label={t('automation.field')}
        path={`${path}.field`}
        hideLabel
        style={{ flex: '2 1 200px', marginBottom: 12 }}
      >
        {ctx.groups.length ? (
          <Select
            id={fieldId(`${path}.field`)}
            aria-label={t('automation.field')}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('automation.chooseField')}
            value={cond.field || undefined}
            onChange={(f: string) =>
              onChange({ field: f, op: cond.op, value: valueForOp(cond.op, undefined) })
            }
            options={groups}
          />
        ) : (
          <Input
            id={fieldId(`${path}.field`)}
            aria-label={t('automation.field')}
            placeholder="payload.source"
            value={cond.field}
            onChange={(e) => onChange({ ...cond, field: e.target.value })}
          />
        )}
      </Labeled>
      <Labeled
        label={t('automation.operator')}
        path={`${path}.op`}
        hideLabel
        style={{ flex: '1 1 150px', marginBottom: 12 }}
      >
        <Select
          id={fieldId(`${path}.op`)}
          aria-label={t('automation.operator')}
          value={cond.op}
          onChange={(op: ConditionOp) => onChange({ ...cond, op, value: valueForOp(op, cond.value) })}
          options={opsFor(ctx, cond.field).map((op) => ({ value: op, label: t(`automation.ops.${op}`) }))}
          popupMatchSelectWidth={false}
        />
      </Labeled>
      <Labeled
        label={t('automation.value')}
        path={`${path}.value`}
        hideLabel
        style={{ flex: '2 1 200px', marginBottom: 12 }}
      >
        {valuelessOps.includes(cond.op) ? (
          <span />
        ) : (
          <ValueInput
            id={fieldId(`${path}.value`)}
            aria-label={t('automation.value')}
            field={field}
            mode={mode}
            value={cond.value}
            onChange={(value) => onChange({ ...cond, value })}
          />
        )}
      </Labeled>
      <Button
        type="text"
        icon={<DeleteOutlined />}
        onClick={onRemove}
        aria-label={t('automation.removeCondition')}
        title={t('automation.removeCondition')}
      />
    </div>
  )
}

function GroupEditor({
  group,
  path,
  ctx,
  depth,
  onChange,
  onRemove,
}: {
  group: GroupDraft
  path: string
  ctx: Ctx
  depth: number
  onChange: (g: GroupDraft) => void
  onRemove?: () => void
}) {
  const { t } = useTranslation()
  const setItem = (i: number, item: ConditionDraft | GroupDraft) =>
    onChange({ ...group, items: group.items.map((x, j) => (j === i ? item : x)) })
  const removeItem = (i: number) => onChange({ ...group, items: group.items.filter((_, j) => j !== i) })
  const add = (item: ConditionDraft | GroupDraft) => onChange({ ...group, items: [...group.items, item] })
  const blank = (): ConditionDraft => ({ field: '', op: 'eq' })
  return (
    <div style={depth ? nestedStyle : undefined}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Radio.Group
          optionType="button"
          size="small"
          value={group.mode}
          onChange={(e) => onChange({ ...group, mode: e.target.value })}
          aria-label={t('automation.matchMode')}
          options={[
            { value: 'all', label: t('automation.matchAll') },
            { value: 'any', label: t('automation.matchAny') },
          ]}
        />
        {onRemove && (
          <Button size="small" type="text" icon={<DeleteOutlined />} onClick={onRemove}>
            {t('automation.removeGroup')}
          </Button>
        )}
      </Space>
      {group.items.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {depth ? t('automation.emptyGroup') : (ctx.emptyText ?? t('automation.noConditions'))}
        </Typography.Paragraph>
      )}
      {group.items.map((item, i) =>
        isGroup(item) ? (
          <GroupEditor
            key={i}
            group={item}
            path={`${path}.${group.mode}.${i}`}
            ctx={ctx}
            depth={depth + 1}
            onChange={(g) => setItem(i, g)}
            onRemove={() => removeItem(i)}
          />
        ) : (
          <ConditionRow
            key={i}
            cond={item}
            path={`${path}.${group.mode}.${i}`}
            ctx={ctx}
            onChange={(c) => setItem(i, c)}
            onRemove={() => removeItem(i)}
          />
        ),
      )}
      <Space wrap>
        <Button size="small" icon={<PlusOutlined />} onClick={() => add(blank())}>
          {t('automation.addCondition')}
        </Button>
        {depth === 0 && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ mode: group.mode === 'all' ? 'any' : 'all', items: [blank()] })}
          >
            {t('automation.addGroup')}
          </Button>
        )}
      </Space>
    </div>
  )
}

/** The conditions builder: all/any groups of field–operator–value rows, one level of nested groups. */
export function ConditionsSection({
  group,
  onChange,
  entity,
  withBefore,
  path = 'conditions',
  extraFields,
  emptyText,
}: {
  group: GroupDraft
  onChange: (g: GroupDraft) => void
  entity?: string
  withBefore: boolean
  /** The ids' prefix, distinct for each editor on one page (the approval designer has one per step). */
  path?: string
  /** Fields beside the object model's, offered first (with their labels and options). */
  extraFields?: (Field & { label: string })[]
  /** What an empty list of conditions means here (a rule: it runs on every trigger). */
  emptyText?: string
}) {
  const { t } = useTranslation()
  useRuleCustomFields(entity)
  const groups = conditionFieldGroups(entity, withBefore, t)
  if (extraFields?.length && groups[0])
    groups[0] = {
      ...groups[0],
      options: [...extraFields.map((f) => ({ value: f.key, label: f.label })), ...groups[0].options],
    }
  const ctx: Ctx = { entity, groups, extra: extraFields, emptyText }
  return <GroupEditor group={group} path={path} ctx={ctx} depth={0} onChange={onChange} />
}
