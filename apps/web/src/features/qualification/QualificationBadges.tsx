import { useState } from 'react'
import { Button, Popover, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { EnumTag } from '../records/display'
import { PotentialDialog } from './PotentialDialog'
import { classColor, useAccountFits } from './qualification.queries'

type AccountLike = {
  id: string
  tier?: string | null
  icpFit?: number | null
  potential?: { total: number; class: string } | null
}

function FitDetails({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const fits = useAccountFits(accountId)
  if (fits.isLoading) return <Typography.Text type="secondary">…</Typography.Text>
  if (fits.error)
    return <Typography.Text type="danger">{String((fits.error as Error).message)}</Typography.Text>
  const list = fits.data?.data ?? []
  if (!list.length) return <Typography.Text type="secondary">{t('qualification.fit.none')}</Typography.Text>
  return (
    <div style={{ maxWidth: 460 }}>
      {list.map((f) => (
        <div key={f.icpId} style={{ marginBottom: 8 }}>
          <Typography.Text strong>
            {f.icpName}: {f.fit}%
          </Typography.Text>
          {f.incomplete && (
            <Typography.Text type="secondary"> · {t('qualification.fit.incomplete')}</Typography.Text>
          )}
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={f.dimensions}
            columns={[
              {
                key: 'f',
                title: t('qualification.icps.field'),
                render: (_, d) => d.label || t(`fields.${d.field}`, d.field),
              },
              { key: 'w', title: t('qualification.icps.weight'), dataIndex: 'weight' },
              {
                key: 'r',
                title: t('qualification.icps.target'),
                render: (_, d) => (
                  <Tag color={d.result === 'match' ? 'green' : d.result === 'miss' ? 'red' : 'default'}>
                    {t(`qualification.fit.results.${d.result}`)}
                  </Tag>
                ),
              },
            ]}
          />
        </div>
      ))}
    </div>
  )
}

/**
 * The qualification badges of the account header (SPEC ): ICP fit (details on hover),
 * potential class with total (opens the scoring dialog), and the service tier.
 */
export function QualificationBadges({ account, editable }: { account: AccountLike; editable: boolean }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const p = account.potential
  return (
    <Space wrap size={4}>
      {account.tier && <EnumTag group="tier" value={account.tier} />}
      <Popover title={t('qualification.fit.title')} content={<FitDetails accountId={account.id} />}>
        <Tag
          color={
            account.icpFit == null
              ? 'default'
              : account.icpFit >= 70
                ? 'green'
                : account.icpFit >= 40
                  ? 'gold'
                  : 'red'
          }
          tabIndex={0}
        >
          {account.icpFit == null
            ? t('qualification.noIcpFit')
            : t('qualification.icpFitValue', { fit: account.icpFit })}
        </Tag>
      </Popover>
      <Tooltip title={t('qualification.score.button')}>
        <Button size="small" type="text" style={{ padding: 0, height: 'auto' }} onClick={() => setOpen(true)}>
          <Tag color={p ? classColor[p.class] : 'default'} style={{ cursor: 'pointer', marginInlineEnd: 0 }}>
            {p
              ? `${t('qualification.potential')} ${t('qualification.classValue', { cls: p.class })} · ${p.total.toFixed(2)}`
              : t('qualification.notScored')}
          </Tag>
        </Button>
      </Tooltip>
      <PotentialDialog
        accountId={account.id}
        open={open}
        onClose={() => setOpen(false)}
        editable={editable}
      />
    </Space>
  )
}
