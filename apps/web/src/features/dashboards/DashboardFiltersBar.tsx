import { useEffect, useState } from 'react'
import { Button, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { tiers } from '@openkam/contract'
import { useTeams, useUsers } from '../../shared/api/lookups'
import type { DashboardFilters } from './dashboards.queries'

/** The relative periods offered (any `last_N_days` also works from a link). */
export const periodOptions = [
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'this_week',
  'last_week',
  'today',
  'yesterday',
  'last_30_days',
  'last_90_days',
  'last_365_days',
] as const

/** Owner, team, period, tier and segment: applied to every widget of the dashboard and to its north star. */
export function DashboardFiltersBar({
  value,
  onChange,
  onSaveDefault,
}: {
  value: DashboardFilters
  onChange: (next: DashboardFilters) => void
  /** Shown to people who may change the dashboard: keeps the current filters as its default. */
  onSaveDefault?: () => void
}) {
  const { t } = useTranslation()
  const users = useUsers()
  const teams = useTeams()
  const [segment, setSegment] = useState(value.segment ?? '')
  useEffect(() => setSegment(value.segment ?? ''), [value.segment])
  const set = (k: keyof DashboardFilters, v: string | undefined) =>
    onChange({ ...value, [k]: v || undefined })
  const periodLabel = (p: string) => {
    const n = /^(last|next)_(\d+)_days$/.exec(p)
    return t(`dashboards.periods.${p}`, { defaultValue: n ? `${n[1]} ${n[2]} days` : p })
  }
  const periods: string[] = [...periodOptions]
  if (value.period && !periods.includes(value.period)) periods.push(value.period)
  const any = Object.values(value).some(Boolean)
  return (
    <div className="dashboard-filters" role="search" aria-label={t('dashboards.filters.label')}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('dashboards.filters.owner')}
        aria-label={t('dashboards.filters.owner')}
        value={value.ownerId}
        loading={users.isLoading}
        onChange={(v) => set('ownerId', v)}
        options={(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('dashboards.filters.team')}
        aria-label={t('dashboards.filters.team')}
        value={value.teamId}
        loading={teams.isLoading}
        onChange={(v) => set('teamId', v)}
        options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      />
      <Select
        allowClear
        placeholder={t('dashboards.filters.period')}
        aria-label={t('dashboards.filters.period')}
        value={value.period}
        onChange={(v) => set('period', v)}
        options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
      />
      <Select
        allowClear
        placeholder={t('dashboards.filters.tier')}
        aria-label={t('dashboards.filters.tier')}
        value={value.tier}
        onChange={(v) => set('tier', v)}
        options={tiers.map((x) => ({ value: x, label: t(`enums.tier.${x}`, { defaultValue: x }) }))}
      />
      <Input.Search
        allowClear
        placeholder={t('dashboards.filters.segment')}
        title={t('dashboards.filters.segmentPlaceholder')}
        aria-label={t('dashboards.filters.segment')}
        style={{ width: 200 }}
        value={segment}
        maxLength={100}
        onChange={(e) => {
          setSegment(e.target.value)
          if (!e.target.value && value.segment) set('segment', undefined)
        }}
        onSearch={(v) => set('segment', v.trim())}
      />
      {any && <Button onClick={() => onChange({})}>{t('dashboards.filters.reset')}</Button>}
      {onSaveDefault && <Button onClick={onSaveDefault}>{t('dashboards.filters.saveDefault')}</Button>}
    </div>
  )
}
