import { Button, Dropdown, Space, Spin, Tag, Tooltip, Typography } from 'antd'
import {
  ArrowLeftOutlined,
  BellOutlined,
  EditOutlined,
  MoreOutlined,
  PlusOutlined,
  ReloadOutlined,
  ShareAltOutlined,
} from '@ant-design/icons'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Dashboard } from './dashboards.queries'

export type DialogKind = 'add' | 'share' | 'subscribe' | 'rename'

/** A dashboard's title, "as of" time and actions (refresh, edit layout, add widget, share, subscribe, rename, delete). */
export function DashboardHeader({
  dashboard: d,
  asOf,
  cached,
  fetching,
  refreshing,
  canEdit,
  editing,
  onRefresh,
  onEditing,
  onDialog,
  onDelete,
}: {
  dashboard: Dashboard
  asOf?: string
  cached: boolean
  fetching: boolean
  refreshing: boolean
  canEdit: boolean
  editing: boolean
  onRefresh: () => void
  onEditing: (on: boolean) => void
  onDialog: (d: DialogKind) => void
  onDelete: () => void
}) {
  const { t } = useTranslation()
  const shareCount = d.sharedWith.roles.length + d.sharedWith.teams.length
  return (
    <div className="page-header" style={{ flexWrap: 'wrap', gap: 8 }}>
      <div style={{ minWidth: 0 }}>
        <Link to="/dashboards" className="dashboard-back">
          <ArrowLeftOutlined aria-hidden /> {t('dashboards.back')}
        </Link>
        <h1 style={{ margin: 0 }}>
          {d.name} {d.template && <Tag>{t('dashboards.kind.builtin')}</Tag>}
        </h1>
        {d.description && <Typography.Text type="secondary">{d.description}</Typography.Text>}
      </div>
      <Space wrap>
        {fetching && <Spin size="small" />}
        {asOf && (
          <span className="dashboard-asof" aria-live="polite">
            {t('dashboards.asOf', { time: dayjs(asOf).format('YYYY-MM-DD HH:mm') })}
            {cached ? ` · ${t('dashboards.cached')}` : ''}
          </span>
        )}
        <Button icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
          {t('dashboards.refresh')}
        </Button>
        {canEdit && editing && (
          <Button icon={<PlusOutlined />} onClick={() => onDialog('add')}>
            {t('dashboards.widget.add')}
          </Button>
        )}
        {canEdit && (
          <Button
            type={editing ? 'primary' : 'default'}
            icon={editing ? undefined : <EditOutlined />}
            onClick={() => onEditing(!editing)}
          >
            {editing ? t('dashboards.done') : t('dashboards.edit')}
          </Button>
        )}
        {canEdit && (
          <Tooltip
            title={
              shareCount
                ? t('dashboards.share.sharedWith', { count: shareCount })
                : t('dashboards.share.notShared')
            }
          >
            <Button icon={<ShareAltOutlined />} onClick={() => onDialog('share')}>
              {t('dashboards.share.button')}
            </Button>
          </Tooltip>
        )}
        <Button icon={<BellOutlined />} onClick={() => onDialog('subscribe')}>
          {t('dashboards.subscribe.button')}
        </Button>
        {canEdit && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'rename', label: t('dashboards.rename') },
                { key: 'delete', danger: true, label: t('dashboards.delete') },
              ],
              onClick: ({ key }) => (key === 'rename' ? onDialog('rename') : onDelete()),
            }}
          >
            <Button icon={<MoreOutlined />} aria-label={t('dashboards.more')} />
          </Dropdown>
        )}
      </Space>
    </div>
  )
}
