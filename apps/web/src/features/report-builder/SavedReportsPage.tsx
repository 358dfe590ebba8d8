import { App, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SavedReport } from '@openkam/contract'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { useObjectList } from '../layouts/layouts.queries'
import { useDeleteReport, useSaveReport, useSavedReports } from './report-builder.queries'

/** /reports/saved: the reports the person may see; open, duplicate or delete them. */
export default function SavedReportsPage() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const list = useSavedReports()
  const objects = useObjectList()
  const users = useUsers()
  const save = useSaveReport()
  const remove = useDeleteReport()
  const reports = list.data?.pages.flatMap((p) => p.data) ?? []
  const objectName = (key: string) => objects.data?.data.find((o) => o.key === key)?.pluralLabel ?? key
  const userName = (id: string | null) =>
    id ? (users.data?.data.find((u) => u.id === id)?.name ?? '…') : '—'

  const duplicate = async (r: SavedReport) => {
    try {
      const copy = await save.mutateAsync({
        body: {
          name: t('reportBuilder.list.copyOf', { name: r.name }).slice(0, 200),
          description: r.description,
          object: r.object,
          filters: r.filters,
          groupBy: r.groupBy,
          measures: r.measures,
          ...(r.sort ? { sort: r.sort } : {}),
          ...(r.limit ? { limit: r.limit } : {}),
          chart: r.chart,
          dateField: r.dateField,
        },
      })
      void message.success(t('reportBuilder.list.duplicated'))
      navigate(`/reports/builder/${copy.id}`)
    } catch (e) {
      void message.error((e as Error).message)
    }
  }

  const confirmDelete = (r: SavedReport) =>
    modal.confirm({
      title: t('reportBuilder.list.deleteConfirm', { name: r.name }),
      okText: t('reportBuilder.list.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(r.id)
          void message.success(t('reportBuilder.list.deleted'))
        } catch (e) {
          void message.error((e as Error).message)
        }
      },
    })

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('reportBuilder.saved')}</h1>
          <Typography.Text type="secondary">{t('reportBuilder.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Button onClick={() => navigate('/reports')}>{t('reports.title')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/reports/builder')}>
            {t('reportBuilder.newReport')}
          </Button>
        </Space>
      </div>
      <Card>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<SavedReport>
              rowKey="id"
              size="middle"
              loading={list.isLoading}
              dataSource={reports}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('reportBuilder.list.empty') }}
              columns={[
                {
                  key: 'name',
                  title: t('reportBuilder.list.name'),
                  render: (_, r) => (
                    <Space size={4}>
                      <Link to={`/reports/builder/${r.id}`}>{r.name}</Link>
                      {r.template && <Tag>{t('reportBuilder.list.template')}</Tag>}
                    </Space>
                  ),
                  sorter: (a, b) => a.name.localeCompare(b.name),
                },
                {
                  key: 'object',
                  title: t('reportBuilder.list.object'),
                  render: (_, r) => objectName(r.object),
                },
                {
                  key: 'chart',
                  title: t('reportBuilder.list.chart'),
                  render: (_, r) => t(`reportBuilder.charts.${r.chart.type}`),
                },
                { key: 'owner', title: t('reportBuilder.list.owner'), render: (_, r) => userName(r.ownerId) },
                {
                  key: 'updated',
                  title: t('reportBuilder.list.updated'),
                  render: (_, r) => dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm'),
                  sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
                  defaultSortOrder: 'descend',
                },
                {
                  key: 'actions',
                  title: t('reportBuilder.list.actions'),
                  render: (_, r) => (
                    <Space size={0} wrap>
                      <Button type="link" size="small" onClick={() => navigate(`/reports/builder/${r.id}`)}>
                        {t('reportBuilder.list.open')}
                      </Button>
                      <Button type="link" size="small" onClick={() => void duplicate(r)}>
                        {t('reportBuilder.list.duplicate')}
                      </Button>
                      <Button type="link" size="small" danger onClick={() => confirmDelete(r)}>
                        {t('reportBuilder.list.delete')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
            {list.hasNextPage && (
              <div style={{ marginTop: 12, textAlign: 'center' }}>
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('reportBuilder.list.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  )
}
