import { useState } from 'react'
import { Alert, App, Button, Card, Descriptions, Table, Tag, Tooltip, Typography } from 'antd'
import { MailOutlined, ReloadOutlined } from '@ant-design/icons'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { EmailIntakeLogEntry, EmailIntakeSettings, EmailIntakeToken } from '@openkam/contract'
import dayjs from 'dayjs'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { get, post, type Page } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { dangerText, toneStyle, type Tone } from './tag-styles'

export const emailIntakeKeys = {
  settings: ['inbound-email', 'settings'] as const,
  log: ['inbound-email', 'log'] as const,
}

const outcomeTone: Record<EmailIntakeLogEntry['outcome'], Tone> = {
  ticket_created: 'green',
  message_added: 'blue',
  dropped: 'orange',
}

/** The curl line an administrator can try the address with (an e-mail saved as message.eml). */
const curlOf = (url: string, header: string, token: string) =>
  `curl -X POST -H 'Content-Type: message/rfc822' -H '${header}: ${token}' --data-binary @message.eml ${url}`

/**
 * Tickets from e-mail (administrators): the address to give the mail provider, its token (generated and
 * shown once), and the e-mails received with what became of each.
 */
export function EmailIntakeCard() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const qc = useQueryClient()
  const [fresh, setFresh] = useState<EmailIntakeToken | null>(null)
  const settings = useQuery({
    queryKey: emailIntakeKeys.settings,
    queryFn: () => get<EmailIntakeSettings>('/inbound-email/settings'),
  })
  const log = useInfiniteQuery({
    queryKey: emailIntakeKeys.log,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<EmailIntakeLogEntry>>('/inbound-email/log', { limit: 20, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const generate = useMutation({
    mutationFn: () => post<EmailIntakeToken>('/inbound-email/settings/token'),
    onSuccess: (token) => {
      setFresh(token)
      const { token: _secret, ...rest } = token
      qc.setQueryData(emailIntakeKeys.settings, rest)
    },
  })
  const s = settings.data
  const rows = log.data?.pages.flatMap((p) => p.data) ?? []
  const url = s ? `${window.location.origin}${s.path}` : ''

  const askGenerate = () =>
    s?.configured
      ? modal.confirm({
          title: t('emailIntake.regenerateConfirm'),
          content: t('emailIntake.regenerateWarning'),
          okText: t('emailIntake.regenerate'),
          onOk: () => generate.mutateAsync(),
        })
      : generate.mutate()

  return (
    <Card
      title={
        <span>
          <MailOutlined style={{ marginRight: 8 }} />
          {t('emailIntake.title')}
        </span>
      }
      style={{ marginBottom: 16 }}
      data-testid="email-intake-card"
    >
      <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
        <Trans i18nKey="emailIntake.help" components={{ code: <code style={{ whiteSpace: 'nowrap' }} /> }} />
      </Typography.Paragraph>
      {settings.isLoading ? (
        <LoadingState rows={3} />
      ) : settings.isError || !s ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Descriptions column={1} size="small" layout="vertical" style={{ maxWidth: 760 }}>
          <Descriptions.Item label={t('emailIntake.endpoint')}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text code copyable={{ text: url }} style={{ wordBreak: 'break-all' }}>
                {url}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                <Trans
                  i18nKey="emailIntake.endpointHelp"
                  values={{ mb: Math.round(s.maxBytes / 1024 / 1024) }}
                  components={{ code: <code /> }}
                />
              </Typography.Paragraph>
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('emailIntake.tokenLabel')}>
            <div style={{ minWidth: 0 }}>
              <Typography.Paragraph style={{ margin: 0 }} data-testid="email-intake-token-state">
                {s.configured
                  ? t('emailIntake.tokenSet', {
                      hint: s.tokenHint,
                      at: dayjs(s.tokenCreatedAt).format('YYYY-MM-DD HH:mm'),
                    })
                  : t('emailIntake.noToken')}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                <Trans
                  i18nKey="emailIntake.tokenHeader"
                  values={{ header: s.tokenHeader }}
                  components={{ code: <code /> }}
                />
              </Typography.Paragraph>
              <Button
                type={s.configured ? 'default' : 'primary'}
                loading={generate.isPending}
                onClick={askGenerate}
              >
                {s.configured ? t('emailIntake.regenerate') : t('emailIntake.generate')}
              </Button>
            </div>
          </Descriptions.Item>
        </Descriptions>
      )}
      {generate.isError && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={generate.error.message} />
      )}
      {fresh && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setFresh(null)}
          style={{ marginTop: 12, maxWidth: 760 }}
          title={t('emailIntake.generated')}
          data-testid="email-intake-new-token"
          description={
            <>
              <Typography.Paragraph
                code
                copyable={{ text: fresh.token }}
                style={{ wordBreak: 'break-all', marginBottom: 8 }}
              >
                {fresh.token}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {t('emailIntake.generatedHelp')}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('emailIntake.example')}
              </Typography.Paragraph>
              <Typography.Paragraph
                code
                copyable={{ text: curlOf(url, fresh.tokenHeader, fresh.token) }}
                style={{ wordBreak: 'break-all', margin: 0 }}
              >
                {curlOf(url, fresh.tokenHeader, fresh.token)}
              </Typography.Paragraph>
            </>
          }
        />
      )}

      <div style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '24px 0 8px', flexWrap: 'wrap' }}>
        <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
          {t('emailIntake.log')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          loading={log.isFetching && !log.isFetchingNextPage}
          onClick={() => void log.refetch()}
        >
          {t('common.refresh')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('emailIntake.logHelp')}</Typography.Paragraph>
      {log.isError && !rows.length ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<EmailIntakeLogEntry>
          rowKey="id"
          size="small"
          loading={log.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 820 }}
          data-testid="email-intake-log"
          locale={{ emptyText: t('emailIntake.noLog') }}
          columns={[
            {
              title: t('emailIntake.time'),
              dataIndex: 'receivedAt',
              width: 140,
              render: (v: string) => (
                <span className="num" style={{ whiteSpace: 'nowrap' }}>
                  {dayjs(v).format('YYYY-MM-DD HH:mm')}
                </span>
              ),
            },
            {
              title: t('emailIntake.from'),
              key: 'from',
              width: 200,
              render: (_, e) => (
                <Typography.Text ellipsis={{ tooltip: e.from }} style={{ maxWidth: 190 }}>
                  {e.contactName ? `${e.contactName} · ${e.from}` : (e.from ?? '—')}
                </Typography.Text>
              ),
            },
            {
              title: t('emailIntake.subject'),
              dataIndex: 'subject',
              render: (v: string | null) => (
                <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
                  {v || '—'}
                </Typography.Text>
              ),
            },
            {
              title: t('emailIntake.result'),
              key: 'result',
              width: 280,
              render: (_, e) => (
                <div style={{ minWidth: 0 }}>
                  <Tag style={{ ...toneStyle(outcomeTone[e.outcome]), marginInlineEnd: 8 }}>
                    {t(`emailIntake.outcomes.${e.outcome}`)}
                  </Tag>
                  {e.ticketId ? (
                    <Link to={`/tickets/${e.ticketId}`}>{e.ticketNumber ?? e.ticketId.slice(0, 8)}</Link>
                  ) : (
                    e.reason && (
                      <Typography.Text type="secondary">
                        {t(`emailIntake.reasons.${e.reason}`)}
                      </Typography.Text>
                    )
                  )}
                  {e.skippedFiles.length > 0 && (
                    <div>
                      <Tooltip
                        title={e.skippedFiles
                          .map((f) => `${f.name}: ${t(`emailIntake.skippedReasons.${f.reason}`)}`)
                          .join('; ')}
                      >
                        <Typography.Text style={{ color: dangerText, fontSize: 12 }}>
                          {t('emailIntake.skipped', { files: e.skippedFiles.map((f) => f.name).join(', ') })}
                        </Typography.Text>
                      </Tooltip>
                    </div>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {log.isError && rows.length > 0 && (
          <Typography.Paragraph style={{ color: dangerText }}>{log.error.message}</Typography.Paragraph>
        )}
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('emailIntake.logEnd')}</Typography.Text>
        )}
      </div>
    </Card>
  )
}
