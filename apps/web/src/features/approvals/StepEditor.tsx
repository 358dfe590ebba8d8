import { Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { approvalModes, type ApprovalApprover } from '@openkam/contract'
import { get, type Page } from '../../shared/api/client'
import { useTeams, useUsers } from '../../shared/api/lookups'
import { ConditionsSection } from '../automation/ConditionsSection'
import type { StepDraft } from './flow-draft'

const kinds = ['user', 'role', 'manager', 'team_manager'] as const
const rowStyle = { display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 8 } as const

function useRoles() {
  return useQuery({
    queryKey: ['roles', 'all'],
    queryFn: () => get<Page<{ key: string; name: string }>>('/roles', { limit: 200 }),
    staleTime: 5 * 60_000,
  })
}

const blank = (kind: ApprovalApprover['kind']): ApprovalApprover =>
  kind === 'user'
    ? { kind, userId: '' }
    : kind === 'role'
      ? { kind, role: '' }
      : kind === 'manager'
        ? { kind, levels: 1 }
        : { kind }

/** One approver: a person, a role, the submitter's manager N levels up, or a team's manager. */
function ApproverRow({
  value,
  label,
  onChange,
  onRemove,
}: {
  value: ApprovalApprover
  label: string
  onChange: (a: ApprovalApprover) => void
  onRemove?: () => void
}) {
  const { t } = useTranslation()
  const users = useUsers()
  const teams = useTeams()
  const roles = useRoles()
  return (
    <div style={rowStyle}>
      <Select
        aria-label={t('approvals.designer.approverKindOf', { label })}
        style={{ width: 200 }}
        value={value.kind}
        onChange={(k) => onChange(blank(k))}
        options={kinds.map((k) => ({ value: k, label: t(`approvals.designer.kind.${k}`) }))}
      />
      {value.kind === 'user' && (
        <Select
          aria-label={t('approvals.designer.personOf', { label })}
          style={{ minWidth: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={value.userId || undefined}
          placeholder={t('approvals.designer.pickPerson')}
          onChange={(userId) => onChange({ kind: 'user', userId })}
          options={(users.data?.data ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      )}
      {value.kind === 'role' && (
        <Select
          aria-label={t('approvals.designer.roleOf', { label })}
          style={{ minWidth: 200 }}
          value={value.role || undefined}
          placeholder={t('approvals.designer.pickRole')}
          onChange={(role) => onChange({ kind: 'role', role })}
          options={(roles.data?.data ?? []).map((r) => ({
            value: r.key,
            label: t(`enums.role.${r.key}`, { defaultValue: r.name }),
          }))}
        />
      )}
      {value.kind === 'manager' && (
        <Space size={4}>
          <InputNumber
            aria-label={t('approvals.designer.levelsOf', { label })}
            min={1}
            max={5}
            value={value.levels}
            onChange={(levels) => onChange({ kind: 'manager', levels: levels ?? 1 })}
          />
          <Typography.Text type="secondary">{t('approvals.designer.levels')}</Typography.Text>
        </Space>
      )}
      {value.kind === 'team_manager' && (
        <Select
          aria-label={t('approvals.designer.teamOf', { label })}
          style={{ minWidth: 220 }}
          allowClear
          value={value.teamId}
          placeholder={t('approvals.designer.recordTeam')}
          onChange={(teamId) =>
            onChange(teamId ? { kind: 'team_manager', teamId } : { kind: 'team_manager' })
          }
          options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      )}
      {onRemove && (
        <Button
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('approvals.designer.removeApprover', { label })}
        />
      )}
    </div>
  )
}

/** One step of a flow: name, approvers, mode, deadline and an optional condition; moved and removed in place. */
export function StepEditor({
  step,
  index,
  count,
  entity,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft
  index: number
  count: number
  entity: string
  onChange: (s: StepDraft) => void
  onMove: (by: number) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const title = t('approvals.stepN', {
    n: index + 1,
    name: step.name || t('approvals.designer.untitledStep'),
  })
  const set = (patch: Partial<StepDraft>) => onChange({ ...step, ...patch })
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      data-step={index}
      extra={
        <Space size={4}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('approvals.designer.moveUp', { step: title })}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={t('approvals.designer.moveDown', { step: title })}
          />
          <Button
            size="small"
            icon={<DeleteOutlined />}
            disabled={count === 1}
            onClick={onRemove}
            aria-label={t('approvals.designer.removeStep', { step: title })}
          />
        </Space>
      }
    >
      <div style={rowStyle}>
        <Input
          aria-label={t('approvals.designer.stepName', { n: index + 1 })}
          placeholder={t('approvals.designer.stepNamePlaceholder')}
          style={{ width: 240 }}
          value={step.name}
          maxLength={100}
          onChange={(e) => set({ name: e.target.value })}
        />
        <Select
          aria-label={t('approvals.designer.modeOf', { n: index + 1 })}
          style={{ width: 180 }}
          value={step.mode}
          onChange={(mode) => set({ mode, n: mode === 'n_of_m' ? (step.n ?? 1) : undefined })}
          options={approvalModes.map((m) => ({ value: m, label: t(`approvals.designer.modes.${m}`) }))}
        />
        {step.mode === 'n_of_m' && (
          <InputNumber
            aria-label={t('approvals.designer.nOf', { n: index + 1 })}
            min={1}
            max={50}
            value={step.n}
            addonAfter={t('approvals.designer.approvals')}
            onChange={(n) => set({ n: n ?? 1 })}
          />
        )}
        <InputNumber
          aria-label={t('approvals.designer.deadlineOf', { n: index + 1 })}
          min={1}
          max={24 * 90}
          value={step.deadlineHours}
          placeholder={t('approvals.designer.noDeadline')}
          addonAfter={t('approvals.designer.hours')}
          onChange={(h) => set({ deadlineHours: h ?? undefined })}
        />
      </div>
      <Typography.Text strong>{t('approvals.approvers')}</Typography.Text>
      {step.approvers.map((a, i) => (
        <ApproverRow
          key={i}
          value={a}
          label={`${title} #${i + 1}`}
          onChange={(x) => set({ approvers: step.approvers.map((y, j) => (j === i ? x : y)) })}
          onRemove={
            step.approvers.length > 1
              ? () => set({ approvers: step.approvers.filter((_, j) => j !== i) })
              : undefined
          }
        />
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => set({ approvers: [...step.approvers, { kind: 'manager', levels: 1 }] })}
        style={{ marginBottom: 12 }}
      >
        {t('approvals.designer.addApprover')}
      </Button>
      <div>
        <Typography.Text strong>{t('approvals.designer.stepCondition')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('approvals.designer.stepConditionHelp')}
        </Typography.Paragraph>
        <ConditionsSection
          group={step.condition}
          onChange={(condition) => set({ condition })}
          entity={entity}
          withBefore={false}
          path={`approval-step-${index}`}
        />
      </div>
    </Card>
  )
}
