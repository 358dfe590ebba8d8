import { Table } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../records/display'
import type { Opportunity } from '../reports/data'
import { useAccountNames } from './board'

type Row = Opportunity & { probability?: number | null }

/**
 * The pipeline as a table: the same deals as the board (its pipeline and filters), sortable by any column,
 * each linking to its deal page and account.
 */
export function DealTable({
  rows,
  stages,
  userNames,
  loading,
}: {
  rows: Row[]
  stages: { key: string; name: string }[]
  userNames: Record<string, string>
  loading: boolean
}) {
  const { t, i18n } = useTranslation()
  const accountNames = useAccountNames(rows.map((r) => r.accountId))
  const order = (s: string) => stages.findIndex((x) => x.key === s)
  const text = (a: string | null | undefined, b: string | null | undefined) =>
    (a ?? '').localeCompare(b ?? '')
  return (
    <Table<Row>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      data-testid="deal-table"
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        {
          key: 'name',
          title: t('fields.name'),
          sorter: (a, b) => text(a.name, b.name),
          render: (_, r) => <Link to={`/opportunities/${r.id}`}>{r.name}</Link>,
        },
        {
          key: 'account',
          title: t('fields.accountId'),
          sorter: (a, b) => text(accountNames[a.accountId], accountNames[b.accountId]),
          render: (_, r) => <Link to={`/accounts/${r.accountId}`}>{accountNames[r.accountId] ?? '…'}</Link>,
        },
        {
          key: 'stage',
          title: t('fields.stage'),
          sorter: (a, b) => order(a.stage) - order(b.stage),
          render: (_, r) => stages.find((s) => s.key === r.stage)?.name ?? t(`enums.stage.${r.stage}`),
        },
        {
          key: 'amount',
          title: t('fields.amount'),
          align: 'right',
          defaultSortOrder: 'descend',
          sorter: (a, b) => Number(a.amount ?? 0) - Number(b.amount ?? 0),
          render: (_, r) => formatMoney(r.amount, r.currency ?? 'CNY', i18n.language),
        },
        {
          key: 'probability',
          title: t('fields.probability'),
          align: 'right',
          sorter: (a, b) => Number(a.probability ?? 0) - Number(b.probability ?? 0),
          render: (_, r) => (r.probability == null ? '—' : `${r.probability}%`),
        },
        {
          key: 'close',
          title: t('fields.expectedCloseDate'),
          sorter: (a, b) => text(a.expectedCloseDate, b.expectedCloseDate),
          render: (_, r) => r.expectedCloseDate ?? '—',
        },
        {
          key: 'owner',
          title: t('fields.ownerId'),
          sorter: (a, b) => text(userNames[a.ownerId ?? ''], userNames[b.ownerId ?? '']),
          render: (_, r) => (r.ownerId ? (userNames[r.ownerId] ?? '—') : '—'),
        },
      ]}
    />
  )
}
