import { Alert, Button, Drawer, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ReportDrill, ReportQuery } from '@openkam/contract'
import { useObjectList } from '../layouts/layouts.queries'
import { recordPathOf } from '../records/paths'
import { useDrill, type ReportFieldInfo } from './report-builder.queries'
import { formatMeasure } from './report-format'
import { useFormatContext } from './use-format'

/** What a click on a chart asks for: the group's raw values, the measure, and how to name them. */
export type DrillTarget = { group: Record<string, unknown>; measureIndex?: number; label: string }

type Rec = Record<string, unknown>
const valueAt = (r: Rec, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Rec)[k] : undefined), r)

/** The records behind one number (`POST /reports/drill`), page by page, each linking to its record. */
export function DrillDrawer({
  query,
  target,
  fields,
  onClose,
}: {
  query: ReportQuery | null
  target: DrillTarget | null
  /** The report's fields, to show the figure each record adds (the first measure's field). */
  fields?: ReportFieldInfo[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const ctx = useFormatContext()
  const objects = useObjectList()
  const drill: ReportDrill | null =
    query && target
      ? {
          ...query,
          compare: undefined,
          sort: undefined,
          limit: 50,
          group: target.group as ReportDrill['group'],
          ...(target.measureIndex !== undefined ? { measure: target.measureIndex } : {}),
        }
      : null
  const pages = useDrill(drill)
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? []
  const object = query?.object ?? ''
  const schema = objects.data?.data.find((o) => o.key === object)
  const titleField = schema?.titleField ?? 'name'
  const measure = query?.measures?.[target?.measureIndex ?? 0]
  const measureField =
    measure && measure.fn !== 'ratio' && measure.fn !== 'count' && measure.field && !/\./.test(measure.field)
      ? fields?.find((f) => f.path === measure.field)
      : undefined
  const fieldType = schema?.fields.find((f) => f.key === measureField?.path)?.type

  const title = (r: Rec) => {
    const v = r[titleField] ?? r.name ?? r.title ?? r.subject ?? r.number
    return v === undefined || v === null || v === '' ? String(r.id) : String(v)
  }
  const columns = [
    {
      key: 'record',
      title: t('reportBuilder.drill.record'),
      render: (_: unknown, r: Rec) => <Link to={recordPathOf(object, String(r.id))}>{title(r)}</Link>,
    },
    ...(measureField
      ? [
          {
            key: 'measure',
            title: measureField.label,
            align: 'right' as const,
            render: (_: unknown, r: Rec) => {
              const v = valueAt(r, measureField.path)
              const n = v && typeof v === 'object' && 'amount' in v ? (v as { amount: unknown }).amount : v
              return (
                <span className="num">
                  {formatMeasure(
                    n,
                    fieldType === 'money' ? 'money' : fieldType === 'percent' ? 'percent' : 'number',
                    ctx,
                  )}
                </span>
              )
            },
          },
        ]
      : []),
    {
      key: 'updatedAt',
      title: t('reportBuilder.list.updated'),
      render: (_: unknown, r: Rec) => (r.updatedAt ? dayjs(String(r.updatedAt)).format('YYYY-MM-DD') : '—'),
    },
  ]

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={720}
      title={t('reportBuilder.drill.title', { label: target?.label || t('reportBuilder.drill.all') })}
      destroyOnHidden
    >
      {pages.isError ? (
        <Alert type="error" showIcon title={(pages.error as Error).message} />
      ) : (
        <>
          <Table<Rec>
            size="small"
            rowKey={(r) => String(r.id)}
            columns={columns}
            dataSource={rows}
            loading={pages.isLoading}
            pagination={false}
            locale={{ emptyText: t('reportBuilder.drill.empty') }}
            scroll={{ x: 'max-content' }}
          />
          <div className="rb-drill-foot">
            <Typography.Text type="secondary" aria-live="polite">
              {!pages.isLoading && t('reportBuilder.drill.shown', { count: rows.length })}
            </Typography.Text>
            {pages.hasNextPage && (
              <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                {t('reportBuilder.drill.loadMore')}
              </Button>
            )}
          </div>
        </>
      )}
    </Drawer>
  )
}
