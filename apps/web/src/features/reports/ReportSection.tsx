import type { ReactNode } from 'react'
import { Button, Card, Space, Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import type { UseQueryResult } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Chart, type ChartOption } from '../../shared/ui/Chart'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { downloadCsv, toCsv, type CsvCell } from './csv'

export type SectionTable<T> = {
  columns: TableColumnsType<T>
  rows: T[]
  rowKey: (r: T) => string
  summary?: () => ReactNode
}

/**
 * One sales report: loading, error and empty states; then the figures, the chart, the data table and
 * an export of that table to CSV.
 */
export function ReportSection<T extends object>({
  title,
  query,
  empty,
  emptyText,
  extra,
  figures,
  chart,
  table,
  csv,
  note,
}: {
  title: string
  query: UseQueryResult<{ from: string; to: string }>
  empty: boolean
  emptyText: string
  extra?: ReactNode
  figures?: ReactNode
  chart?: { option: ChartOption; height?: number }
  table: SectionTable<T>
  csv: { filename: string; header: string[]; rows: () => CsvCell[][] }
  note?: string
}) {
  const { t } = useTranslation()
  const data = query.data
  const ready = !!data && !empty
  let body: ReactNode
  if (query.isLoading) body = <LoadingState rows={8} />
  else if (query.isError && !data)
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  else if (!data || empty) body = <EmptyState description={emptyText} />
  else
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {figures}
        {chart && <Chart option={chart.option} height={chart.height ?? 320} ariaLabel={title} />}
        <Table<T>
          size="small"
          columns={table.columns}
          dataSource={table.rows}
          rowKey={table.rowKey}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={table.summary}
        />
      </Space>
    )
  return (
    <Card
      title={title}
      extra={
        <Space wrap>
          {extra}
          <Button
            icon={<DownloadOutlined />}
            disabled={!ready}
            onClick={() => downloadCsv(csv.filename, toCsv(csv.header, csv.rows()))}
          >
            {t('common.exportCsv')}
          </Button>
        </Space>
      }
      styles={{ body: { minHeight: 380, opacity: query.isPlaceholderData ? 0.6 : 1 } }}
      aria-busy={query.isFetching}
    >
      {body}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('salesReports.periodUsed', { from: data.from, to: data.to })}
          {note ? ` ${note}` : ''}
        </Typography.Paragraph>
      )}
    </Card>
  )
}
