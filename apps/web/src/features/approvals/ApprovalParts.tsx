import { useMemo } from 'react'
import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Approval } from '@openkam/contract'
import { useUsers } from '../../shared/api/lookups'
import { recordPathOf } from '../records/paths'

const statusColor: Record<string, string> = {
  // Named palettes: styles.css darkens their text to 4.5:1 (antd's status presets are lighter).
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  recalled: 'default',
  waiting: 'default',
  skipped: 'default',
  cancelled: 'default',
}

/** A request's or a step's status as a coloured tag. */
export function ApprovalStatusTag({ status, step = false }: { status: string; step?: boolean }) {
  const { t } = useTranslation()
  return (
    <Tag color={statusColor[status] ?? 'default'}>
      {t(step ? `approvals.stepStatus.${status}` : `approvals.status.${status}`, { defaultValue: status })}
    </Tag>
  )
}

/** People's names by id (the workspace's users), with a fallback for someone not listed. */
export function useUserName() {
  const { t } = useTranslation()
  const users = useUsers()
  const byId = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.name])), [users.data])
  return (id: string | null | undefined) => (id ? (byId.get(id) ?? t('approvals.someone')) : '—')
}

/** The page of the record an approval governs (built-in collections and custom objects alike). */
export const recordLinkOf = (a: Pick<Approval, 'object' | 'recordId'>) => recordPathOf(a.object, a.recordId)

/** "Step 2 of 3 · Finance" for a pending request, else nothing. */
export function currentStepLabel(a: Approval, t: (k: string, o?: Record<string, unknown>) => string) {
  if (a.currentStep == null) return '—'
  const s = a.steps[a.currentStep]
  return t('approvals.stepOf', { n: a.currentStep + 1, total: a.steps.length, name: s?.name ?? '' })
}

export const formatTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—')
