import { Button, DatePicker, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useTeams, useUsers } from '../../shared/api/lookups'
import type { ReportFilter } from './reports.queries'

const DAY = 'YYYY-MM-DD'

/** Quarters by hand: dayjs has no quarter unit without a plugin. */
const quarterStart = (d: Dayjs) => d.startOf('month').month(Math.floor(d.month() / 3) * 3)

/** Period (with common presets), owner and team; an empty period lets each report pick its default. */
export function ReportFilters({
  value,
  onChange,
}: {
  value: ReportFilter
  onChange: (changes: Partial<Record<keyof ReportFilter, string | null>>) => void
}) {
  const { t } = useTranslation()
  const users = useUsers()
  const teams = useTeams()
  const now = dayjs()
  const q = quarterStart(now)
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('salesReports.presets.thisMonth'), value: [now.startOf('month'), now.endOf('month')] },
    { label: t('salesReports.presets.thisQuarter'), value: [q, q.add(2, 'month').endOf('month')] },
    {
      label: t('salesReports.presets.lastQuarter'),
      value: [q.subtract(3, 'month'), q.subtract(1, 'month').endOf('month')],
    },
    { label: t('salesReports.presets.thisYear'), value: [now.startOf('year'), now.endOf('year')] },
    {
      label: t('salesReports.presets.lastYear'),
      value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')],
    },
    {
      label: t('salesReports.presets.last12Months'),
      value: [now.subtract(11, 'month').startOf('month'), now.endOf('month')],
    },
    {
      label: t('salesReports.presets.next6Months'),
      value: [now.startOf('month'), now.add(5, 'month').endOf('month')],
    },
  ]
  const filtered = !!(value.from || value.to || value.ownerId || value.teamId)
  return (
    <div className="toolbar" role="search" aria-label={t('common.filters')}>
      <DatePicker.RangePicker
        aria-label={t('salesReports.period')}
        placeholder={[t('salesReports.defaultPeriod'), t('common.to')]}
        presets={presets}
        allowEmpty={[true, true]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(r) => onChange({ from: r?.[0]?.format(DAY) ?? null, to: r?.[1]?.format(DAY) ?? null })}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('salesReports.owner')}
        aria-label={t('salesReports.owner')}
        style={{ minWidth: 170 }}
        value={value.ownerId ?? undefined}
        onChange={(v) => onChange({ ownerId: v ?? null })}
        options={(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('salesReports.team')}
        aria-label={t('salesReports.team')}
        style={{ minWidth: 170 }}
        value={value.teamId ?? undefined}
        onChange={(v) => onChange({ teamId: v ?? null })}
        options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      />
      {filtered && (
        <Button onClick={() => onChange({ from: null, to: null, ownerId: null, teamId: null })}>
          {t('salesReports.reset')}
        </Button>
      )}
    </div>
  )
}
