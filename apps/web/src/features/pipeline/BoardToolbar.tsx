import { Button, DatePicker, Select } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTeams, useUsers } from '../../shared/api/lookups'

/** The board's filters, kept in the address (shareable, and the back button undoes a change). */
export function useBoardFilters() {
  const [params, setParams] = useSearchParams()
  const owner = params.get('owner') ?? undefined
  const teamId = params.get('team') ?? undefined
  const closeFrom = params.get('closeFrom') ?? undefined
  const closeTo = params.get('closeTo') ?? undefined
  const setFilter = (key: string, value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: true },
    )
  return {
    owner,
    teamId,
    closeFrom,
    closeTo,
    pipelineId: params.get('pipeline') ?? undefined,
    /** Board or table: the same deals and filters either way. */
    view: params.get('view') === 'table' ? ('table' as const) : ('board' as const),
    filtered: !!(owner || teamId || closeFrom || closeTo),
    setFilter,
    // Clearing the filters keeps the view (board or table).
    clear: () => setParams(params.get('view') ? { view: params.get('view')! } : {}, { replace: true }),
  }
}

export type BoardFilters = ReturnType<typeof useBoardFilters>

/** Pipeline (when there are several), owner, team and expected-close range, with clear and refresh. */
export function BoardToolbar({
  filters,
  pipelines,
  pipelineId,
  refreshing,
  onRefresh,
}: {
  filters: BoardFilters
  pipelines: { id: string; name: string }[]
  pipelineId: string | undefined
  refreshing: boolean
  onRefresh: () => void
}) {
  const { t } = useTranslation()
  const users = useUsers()
  const teams = useTeams()
  const { owner, teamId, closeFrom, closeTo, setFilter, filtered } = filters
  return (
    <div className="toolbar" role="search" aria-label={t('common.filters')}>
      {pipelines.length > 1 && (
        <Select
          aria-label={t('gate.settings.pipeline')}
          value={pipelineId}
          onChange={(v: string) => setFilter('pipeline', v)}
          style={{ width: 190 }}
          options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      <Select
        aria-label={t('common.owner')}
        placeholder={t('pipeline.allOwners')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={owner}
        onChange={(v: string | undefined) => setFilter('owner', v)}
        style={{ width: 190 }}
        options={[
          { value: 'me', label: t('common.me') },
          ...(users.data?.data ?? [])
            .filter((u) => u.active || u.id === owner)
            .map((u) => ({ value: u.id, label: u.name })),
        ]}
      />
      <Select
        aria-label={t('fields.teamId')}
        placeholder={t('pipeline.allTeams')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={teamId}
        loading={teams.isLoading}
        onChange={(v: string | undefined) => setFilter('team', v)}
        style={{ width: 190 }}
        options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      />
      <DatePicker
        aria-label={t('pipeline.closeFrom')}
        placeholder={t('pipeline.closeFrom')}
        value={closeFrom ? dayjs(closeFrom) : null}
        maxDate={closeTo ? dayjs(closeTo) : undefined}
        onChange={(d) => setFilter('closeFrom', d ? d.format('YYYY-MM-DD') : null)}
        style={{ width: 160 }}
      />
      <DatePicker
        aria-label={t('pipeline.closeTo')}
        placeholder={t('pipeline.closeTo')}
        value={closeTo ? dayjs(closeTo) : null}
        minDate={closeFrom ? dayjs(closeFrom) : undefined}
        onChange={(d) => setFilter('closeTo', d ? d.format('YYYY-MM-DD') : null)}
        style={{ width: 160 }}
      />
      {filtered && <Button onClick={filters.clear}>{t('common.clearFilters')}</Button>}
      <Button
        icon={<ReloadOutlined />}
        aria-label={t('common.refresh')}
        title={t('common.refresh')}
        loading={refreshing}
        onClick={onRefresh}
      />
    </div>
  )
}
