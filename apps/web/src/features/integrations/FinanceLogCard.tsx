import { Button, Card, Table, Tag, Typography } from 'antd'
import type { FinanceLogEntry } from '@openkam/contract'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ErrorState } from '../../shared/ui/states'
import { useFinanceLog } from './integrations.queries'

const pretty = (v: unknown) => JSON.stringify(v, null, 2)

/** Every call to the finance system (newest first): document, state, the system's words; request and answer on opening a row. */
export function FinanceLogCard() {
  const { t } = useTranslation()
  const log = useFinanceLog()
  const rows = log.data?.pages.flatMap((p) => p.data) ?? []
  if (log.isError) return <ErrorState error={log.error} />
  return (
    <Card title={t('integrations.finance.log.title')}>
      <Typography.Paragraph type="secondary">{t('integrations.finance.log.help')}</Typography.Paragraph>
      <Table<FinanceLogEntry>
        rowKey="id"
        size="small"
        loading={log.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('integrations.finance.log.empty') }}
        expandable={{
          expandedRowRender: (r) => (
            <div style={{ display: 'grid', gap: 8 }}>
              <Typography.Text strong>{t('integrations.finance.log.request')}</Typography.Text>
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, fontSize: 12 }}>
                {pretty(r.request)}
              </pre>
              <Typography.Text strong>{t('integrations.finance.log.response')}</Typography.Text>
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, fontSize: 12 }}>
                {pretty(r.response)}
              </pre>
            </div>
          ),
        }}
        columns={[
          {
            title: t('integrations.finance.log.at'),
            dataIndex: 'at',
            width: 150,
            render: (v: string) => dayjs(v).format('MM-DD HH:mm:ss'),
          },
          {
            title: t('integrations.finance.log.document'),
            dataIndex: 'document',
            render: (v: FinanceLogEntry['document'], r) => (
              <>
                {t(`integrations.finance.documents.${v}`)}
                <Typography.Text type="secondary"> · {r.operation.split('/').at(-1)}</Typography.Text>
              </>
            ),
          },
          {
            title: t('integrations.finance.log.contract'),
            dataIndex: 'contractNumber',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('integrations.finance.log.state'),
            dataIndex: 'state',
            render: (v: FinanceLogEntry['state'], r) =>
              v === 'ok' ? (
                <Tag color="green">{t('integrations.finance.log.ok')}</Tag>
              ) : (
                <>
                  <Tag color="red">{t('integrations.finance.log.error')}</Tag>
                  <Typography.Text type="danger">{r.error}</Typography.Text>
                </>
              ),
          },
        ]}
      />
      {log.hasNextPage && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => log.fetchNextPage()}
          loading={log.isFetchingNextPage}
        >
          {t('integrations.finance.log.more')}
        </Button>
      )}
    </Card>
  )
}
