import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import type { FormatContext } from './report-format'

/** The formatting context of the app's language and the workspace's currency. */
export function useFormatContext(): FormatContext & { total: string } {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const currency = me?.workspace.currency ?? 'CNY'
  return useMemo(
    () => ({
      lang: i18n.language,
      currency,
      none: t('reportBuilder.view.none'),
      total: t('reportBuilder.view.total'),
    }),
    [i18n.language, currency, t],
  )
}
