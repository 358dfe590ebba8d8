import { Button, Card, Table, Tag, Typography } from 'antd'
import type { ReconciliationItem } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorState } from '../../shared/ui/states'
import { useFinanceActions, useReconciliation } from './integrations.queries'

const tone: Record<ReconciliationItem['kind'], string> = {
  missing_receivable: 'orange',
  receivable_failed: 'red',
  amount_mismatch: 'gold',
  unmatched_receipt: 'purple',
  overpaid: 'blue',
  overdue_invoice: 'volcano',
}

/** Contracts, receivables and receipts that do not match, each with what was expected and what was found. */
export function ReconciliationCard({ configured }: { configured: boolean }) {
  const { t } = useTranslation()
  const report = useReconciliation(configured)
  const { push } = useFinanceActions()
  if (report.isError) return <ErrorState error={report.error} />
  return (
    <Card title={t('integrations.finance.reconciliation.title')}>
      <Typography.Paragraph type="secondary">
        {t('integrations.finance.reconciliation.help')}
      </Typography.Paragraph>
      <Table<ReconciliationItem>
        rowKey={(r) => `${r.kind}:${r.contractId ?? ''}:${r.detail ?? ''}`}
        size="small"
        loading={report.isLoading && configured}
        dataSource={report.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('integrations.finance.reconciliation.empty') }}
        columns={[
          {
            title: t('integrations.finance.reconciliation.kind'),
            dataIndex: 'kind',
            render: (k: ReconciliationItem['kind']) => (
              <Tag color={tone[k]}>{t(`integrations.finance.reconciliation.kinds.${k}`)}</Tag>
            ),
          },
          {
            title: t('integrations.finance.log.contract'),
            dataIndex: 'contractNumber',
            render: (v: string | null, r) =>
              r.contractId ? <Link to={`/contracts/${r.contractId}`}>{v}</Link> : (v ?? '—'),
          },
          {
            title: t('integrations.finance.reconciliation.expected'),
            dataIndex: 'expected',
            render: (v: string | null, r) => (v ? `${v} ${r.currency ?? ''}` : '—'),
          },
          {
            title: t('integrations.finance.reconciliation.actual'),
            dataIndex: 'actual',
            render: (v: string | null, r) => (v ? `${v} ${r.currency ?? ''}` : '—'),
          },
          {
            title: t('integrations.finance.reconciliation.detail'),
            render: (_: unknown, r) =>
              r.kind === 'overdue_invoice'
                ? t('integrations.finance.reconciliation.overdue', { invoice: r.detail, days: r.daysOverdue })
                : (r.detail ?? r.accountName ?? ''),
          },
          {
            title: '',
            width: 110,
            render: (_: unknown, r) =>
              (r.kind === 'missing_receivable' || r.kind === 'receivable_failed') && r.contractId ? (
                <Button
                  size="small"
                  loading={push.isPending && push.variables === r.contractId}
                  onClick={() => push.mutate(r.contractId!)}
                >
                  {t('integrations.finance.reconciliation.push')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  )
}
