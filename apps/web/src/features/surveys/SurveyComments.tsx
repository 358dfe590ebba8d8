import { useState } from 'react'
import { Button, Select, Space, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorState } from '../../shared/ui/states'
import { useResponses, type SurveyResponse } from './surveys.queries'

const categoryColor = { promoter: 'green', passive: 'gold', detractor: 'red' } as const

/** The verbatim answers, lowest scores (detractors) first, each linking to its account. */
export function SurveyComments({ surveyId }: { surveyId: string | undefined }) {
  const { t } = useTranslation()
  const [category, setCategory] = useState<string>('')
  const [cursors, setCursors] = useState<string[]>([])
  const cursor = cursors[cursors.length - 1]
  const q = useResponses({ surveyId, category: category || undefined, cursor })

  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        style={{ width: 200 }}
        aria-label={t('surveys.comments.filter')}
        value={category}
        onChange={(v) => {
          setCategory(v)
          setCursors([])
        }}
        options={[
          { value: '', label: t('common.all') },
          ...(['detractor', 'passive', 'promoter'] as const).map((c) => ({
            value: c,
            label: t(`surveys.category.${c}`),
          })),
        ]}
      />
      <Table<SurveyResponse>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.data ?? []}
        pagination={false}
        locale={{ emptyText: t('surveys.comments.noComments') }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('surveys.fields.score'),
            dataIndex: 'score',
            width: 90,
            render: (v: number, r) => (
              <Tag color={categoryColor[(r.category ?? 'passive') as keyof typeof categoryColor]}>
                {v} · {t(`surveys.category.${r.category}`)}
              </Tag>
            ),
          },
          {
            title: t('surveys.fields.comment'),
            dataIndex: 'comment',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('surveys.fields.account'),
            dataIndex: 'accountName',
            render: (v: string | null, r) => <Link to={`/accounts/${r.accountId}`}>{v ?? r.accountId}</Link>,
          },
          {
            title: t('surveys.fields.contact'),
            dataIndex: 'contactName',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('surveys.fields.survey'),
            dataIndex: 'surveyName',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('surveys.fields.answeredAt'),
            dataIndex: 'answeredAt',
            width: 130,
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—'),
          },
        ]}
      />
      <Space>
        <Button disabled={!cursors.length} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.previous')}
        </Button>
        <Button
          disabled={!q.data?.nextCursor}
          onClick={() => q.data?.nextCursor && setCursors((c) => [...c, q.data!.nextCursor!])}
        >
          {t('common.next')}
        </Button>
      </Space>
    </Space>
  )
}
