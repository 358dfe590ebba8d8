import { Alert } from 'antd'
import { useQuery, keepPreviousData } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ApprovalCycleTimes } from '@openkam/contract'
import { get } from '../../shared/api/client'
import { ReportSection } from './ReportSection'
import { reportKeys, type ReportFilter } from './reports.queries'

type Line = {
  key: string
  name: string
  step: boolean
  decided: number | null
  approved: number | null
  rejected: number | null
  avgHours: number | null
  medianHours: number | null
  maxHours: number | null
  escalated: number | null
  pending: number | null
  overdue: number | null
}

/** Flattens flows and their steps into table lines: a flow, then its steps indented. */
const linesOf = (data: ApprovalCycleTimes | undefined): Line[] =>
  (data?.flows ?? []).flatMap((f) => [
    {
      key: f.flowId,
      name: f.flowName,
      step: false,
      decided: f.decided,
      approved: f.approved,
      rejected: f.rejected,
      avgHours: f.avgHours,
      medianHours: f.medianHours,
      maxHours: f.maxHours,
      escalated: f.steps.reduce((n, s) => n + s.escalated, 0),
      pending: f.pending,
      overdue: f.overdue,
    },
    ...f.steps.map((s, i) => ({
      key: `${f.flowId}:${i}`,
      name: s.name,
      step: true,
      decided: s.completed,
      approved: null,
      rejected: null,
      avgHours: s.avgHours,
      medianHours: s.medianHours,
      maxHours: null,
      escalated: s.escalated,
      pending: null,
      overdue: null,
    })),
  ])

/** How long approvals take per flow and step (GET /reports/approval-cycle-times). */
export function ApprovalTimesTab({ filter }: { filter: ReportFilter }) {
  const { t } = useTranslation()
  const period = { from: filter.from, to: filter.to }
  const query = useQuery({
    queryKey: [...reportKeys.all, 'approval-cycle-times', period],
    queryFn: () => get<ApprovalCycleTimes>('/reports/approval-cycle-times', period),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
  const data = query.data
  const lines = linesOf(data)
  const slow = data?.flows
    .flatMap((f) => f.steps.map((s) => ({ flow: f.flowName, step: s.name, hours: s.avgHours ?? -1 })))
    .sort((a, b) => b.hours - a.hours)[0]
  const v = (n: number | null) => (n === null ? '—' : n)
  const k = 'salesReports.approvals'
  return (
    <ReportSection<Line>
      title={t(`${k}.title`)}
      query={query}
      empty={!data?.flows.some((f) => f.decided > 0 || f.pending > 0)}
      emptyText={t(`${k}.empty`)}
      figures={
        slow &&
        slow.hours >= 0 && (
          <Alert type="warning" showIcon title={t(`${k}.slowestValue`, { ...slow, hours: slow.hours })} />
        )
      }
      table={{
        rows: lines,
        rowKey: (l) => l.key,
        columns: [
          {
            title: t(`${k}.flow`),
            key: 'name',
            render: (_, l) =>
              l.step ? <span style={{ paddingLeft: 20 }}>{l.name}</span> : <strong>{l.name}</strong>,
          },
          { title: t(`${k}.decided`), key: 'decided', align: 'right', render: (_, l) => v(l.decided) },
          { title: t(`${k}.approved`), key: 'approved', align: 'right', render: (_, l) => v(l.approved) },
          { title: t(`${k}.rejected`), key: 'rejected', align: 'right', render: (_, l) => v(l.rejected) },
          { title: t(`${k}.avgHours`), key: 'avg', align: 'right', render: (_, l) => v(l.avgHours) },
          { title: t(`${k}.medianHours`), key: 'median', align: 'right', render: (_, l) => v(l.medianHours) },
          { title: t(`${k}.maxHours`), key: 'max', align: 'right', render: (_, l) => v(l.maxHours) },
          { title: t(`${k}.escalated`), key: 'escalated', align: 'right', render: (_, l) => v(l.escalated) },
          { title: t(`${k}.pending`), key: 'pending', align: 'right', render: (_, l) => v(l.pending) },
          { title: t(`${k}.overdue`), key: 'overdue', align: 'right', render: (_, l) => v(l.overdue) },
        ],
      }}
      csv={{
        filename: `approval-times-${data?.from ?? ''}-${data?.to ?? ''}.csv`,
        header: [
          t(`${k}.flow`),
          '',
          ...(
            [
              'decided',
              'approved',
              'rejected',
              'avgHours',
              'medianHours',
              'maxHours',
              'escalated',
              'pending',
              'overdue',
            ] as const
          ).map((h) => t(`${k}.${h}`)),
        ],
        rows: () =>
          lines.map((l) => [
            l.step ? '' : l.name,
            l.step ? l.name : '',
            l.decided,
            l.approved,
            l.rejected,
            l.avgHours,
            l.medianHours,
            l.maxHours,
            l.escalated,
            l.pending,
            l.overdue,
          ]),
      }}
      note={t(`${k}.note`)}
    />
  )
}
