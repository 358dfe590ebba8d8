import type { ReactNode } from 'react'
import { App, Card, Switch, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { api } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { channelKeys, usePreferences, type NotificationPreferences } from '../inbox/channels.queries'
import { DelegationCard } from '../approvals/DelegationCard'

type Channel = keyof NotificationPreferences['channels']
const channels: Channel[] = ['email', 'wecom', 'dingtalk', 'feishu']

/** Where my notifications reach me, and the daily digest. Each switch saves at once. */
export function MyNotificationsTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const prefs = usePreferences()
  const save = useMutation({
    mutationFn: (next: NotificationPreferences) =>
      api<NotificationPreferences>('PUT', '/me/notification-preferences', next),
    onMutate: async (next) => {
      await qc.cancelQueries({ queryKey: channelKeys.preferences })
      const before = qc.getQueryData<NotificationPreferences>(channelKeys.preferences)
      qc.setQueryData(channelKeys.preferences, next)
      return { before }
    },
    onSuccess: (saved) => {
      if (saved) qc.setQueryData(channelKeys.preferences, saved)
      void message.success(t('notifications.prefsSaved'))
    },
    onError: (e, _next, ctx) => {
      if (ctx?.before) qc.setQueryData(channelKeys.preferences, ctx.before)
      void message.error(t('notifications.prefsFailed', { reason: e.message }))
    },
  })

  if (prefs.isLoading) return <LoadingState rows={5} />
  if (prefs.isError || !prefs.data)
    return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
  const p = prefs.data
  const row = (key: string, label: string, help: string, control: ReactNode) => (
    <div key={key} style={rowStyle}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text strong id={`pref-${key}`}>
          {label}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {help}
          </Typography.Text>
        </div>
      </div>
      {control}
    </div>
  )

  return (
    <>
      <Card style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t('notifications.prefsHelp')}</Typography.Paragraph>
        {row(
          'in_app',
          t('channels.channel.in_app'),
          t('notifications.inAppHelp'),
          <Switch checked disabled aria-labelledby="pref-in_app" />,
        )}
        {channels.map((c) =>
          row(
            c,
            t(`channels.channel.${c}`),
            c === 'email'
              ? t('notifications.emailHelp', { email: me?.email ?? '' })
              : t('notifications.robotHelp'),
            <Switch
              aria-labelledby={`pref-${c}`}
              checked={p.channels[c]}
              onChange={(on) => save.mutate({ ...p, channels: { ...p.channels, [c]: on } })}
            />,
          ),
        )}
        {row(
          'digest',
          t('notifications.digest'),
          t('notifications.digestHelp'),
          <Switch
            aria-labelledby="pref-digest"
            checked={p.digest}
            onChange={(on) => save.mutate({ ...p, digest: on })}
          />,
        )}
      </Card>
      <DelegationCard />
    </>
  )
}

const rowStyle = {
  display: 'flex',
  alignItems: 'center',
  gap: 16,
  padding: '12px 0',
  borderBottom: '1px solid #f0f0f0',
} as const
