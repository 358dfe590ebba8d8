import { useTranslation } from 'react-i18next'

type Props = { difference: number; low: number; high: number; format: (v: number) => string }

/**
 * The difference as a point on its 95% interval, drawn against a line at zero (no difference): an
 * interval clear of the line says the groups differ; one across it says these samples cannot tell.
 */
export function CiBar({ difference, low, high, format }: Props) {
  const { t } = useTranslation()
  const lo = Math.min(low, 0)
  const hi = Math.max(high, 0)
  const pad = (hi - lo || 1) * 0.08
  const x = (v: number) => ((v - (lo - pad)) / (hi - lo + 2 * pad)) * 100
  const clear = low > 0 || high < 0
  const colour = clear ? 'var(--ant-color-primary, #1677ff)' : 'var(--ant-color-text-tertiary, #8c8c8c)'
  return (
    <svg
      role="img"
      aria-label={t('insightCohorts.barLabel', {
        difference: format(difference),
        low: format(low),
        high: format(high),
      })}
      viewBox="0 0 100 24"
      preserveAspectRatio="none"
      width="100%"
      height={32}
      data-testid="cohort-ci-bar"
    >
      <line x1={x(0)} x2={x(0)} y1={0} y2={24} stroke="#595959" strokeWidth={0.6} strokeDasharray="2 1" />
      <rect
        x={x(low)}
        y={9}
        width={Math.max(x(high) - x(low), 0.4)}
        height={6}
        rx={1}
        fill={colour}
        opacity={0.35}
      />
      <rect x={x(difference) - 0.6} y={5} width={1.2} height={14} fill={colour} />
    </svg>
  )
}
