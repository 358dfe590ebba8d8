import { useMemo } from 'react'
import { Card, Select, Space, Statistic, Table, Tag, Tooltip } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { decisionMapGapCodes, type DecisionMapGapReport } from '@openkam/contract'
import { get } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'

type Code = (typeof decisionMapGapCodes)[number]
type Row = DecisionMapGapReport['data'][number]

/**
 * The team's gap report (R-06): every visible account whose buying committee has gaps, with counts per
 * gap kind; filtered by owner and by kind (kept in the address by the caller), each account linking to
 * its decision map.
 */
export function GapReportTab({
  ownerId,
  code,
  onChange,
}: {
  ownerId?: string
  code?: Code
  onChange: (changes: { ownerId?: string | null; gap?: string | null }) => void
}) {
  const { t } = useTranslation()
  const users = useUsers()
  // The counts per kind come from the owner's whole report; the kind filter narrows the table only.
  const report = useQuery({
    queryKey: ['decision-map', 'gaps', ownerId ?? null],
    queryFn: () => get<DecisionMapGapReport>('/decision-map/gaps', ownerId ? { ownerId } : {}),
  })
  const names = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.name])), [users.data])
  const counts = useMemo(() => {
    const c = Object.fromEntries(decisionMapGapCodes.map((k) => [k, 0])) as Record<Code, number>
    // Accounts with at least one gap of the kind (an account may have two uncovered roles).
    for (const r of report.data?.data ?? [])
      for (const k of new Set(r.gaps.map((g) => g.code as Code))) c[k] += 1
    return c
  }, [report.data])
  const rows = (report.data?.data ?? []).filter((r) => !code || r.gaps.some((g) => g.code === code))

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('decisionMap.report.owner')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          placeholder={t('decisionMap.report.allOwners')}
          value={ownerId}
          loading={users.isLoading}
          options={(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onChange={(v?: string) => onChange({ ownerId: v ?? null })}
        />
        <Select
          aria-label={t('decisionMap.report.gaps')}
          allowClear
          style={{ width: 220 }}
          placeholder={t('decisionMap.report.allKinds')}
          value={code}
          options={decisionMapGapCodes.map((k) => ({ value: k, label: t(`decisionMap.codes.${k}`) }))}
          onChange={(v?: string) => onChange({ gap: v ?? null })}
        />
      </Space>
      {report.isLoading ? (
        <LoadingState />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Space wrap size="large" style={{ marginBottom: 16 }}>
            <Statistic title={t('decisionMap.report.accounts')} value={report.data?.data.length ?? 0} />
            {decisionMapGapCodes.map((k) => (
              <button
                key={k}
                type="button"
                aria-pressed={code === k}
                title={t(`decisionMap.codes.${k}`)}
                style={{
                  background: code === k ? 'var(--ant-color-warning-bg, #fffbe6)' : 'transparent',
                  border: `1px solid ${code === k ? '#faad14' : 'transparent'}`,
                  borderRadius: 8,
                  padding: '4px 8px',
                  cursor: 'pointer',
                  textAlign: 'left',
                }}
                onClick={() => onChange({ gap: code === k ? null : k })}
              >
                <Statistic title={t(`decisionMap.codes.${k}`)} value={counts[k]} />
              </button>
            ))}
          </Space>
          {rows.length === 0 ? (
            <EmptyState description={t('decisionMap.report.empty')} />
          ) : (
            <Table<Row>
              size="middle"
              rowKey={(r) => r.account.id}
              dataSource={rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                {
                  key: 'account',
                  title: t('decisionMap.report.account'),
                  sorter: (a, b) => a.account.name.localeCompare(b.account.name),
                  render: (_, r) => (
                    <Link to={`/accounts/${r.account.id}?tab=decision-map`}>{r.account.name}</Link>
                  ),
                },
                {
                  key: 'owner',
                  title: t('decisionMap.report.owner'),
                  width: 160,
                  render: (_, r) => (r.account.ownerId ? (names.get(r.account.ownerId) ?? '—') : '—'),
                },
                {
                  key: 'gaps',
                  title: t('decisionMap.report.gaps'),
                  sorter: (a, b) => a.gaps.length - b.gaps.length,
                  defaultSortOrder: 'descend',
                  render: (_, r) => (
                    <Space wrap size={4}>
                      {r.gaps.map((g, i) => (
                        <Tooltip key={i} title={g.message}>
                          <Tag color={g.code === code ? 'red' : 'orange'}>
                            {t(`decisionMap.codes.${g.code}`)}
                            {g.role ? ` · ${t(`enums.buyingRole.${g.role}`)}` : ''}
                          </Tag>
                        </Tooltip>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Card>
  )
}
