import type { CSSProperties } from 'react'

export type Tone = 'green' | 'red' | 'orange' | 'blue' | 'cyan' | 'purple' | 'geekblue' | 'grey'

/**
 * Tag colours with text dark enough for WCAG AA (4.5:1) on their tint; antd's preset green, orange and
 * gold tags fall short of it.
 */
const tones: Record<Tone, CSSProperties> = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  geekblue: { color: '#10239e', background: '#f0f5ff', borderColor: '#adc6ff' },
  grey: { color: '#545a63', background: '#fafafa', borderColor: '#d9d9d9' },
}

export const toneStyle = (tone: Tone | undefined): CSSProperties => tones[tone ?? 'grey']

/** Dark red for text that says something is late or failed. */
export const dangerText = '#a8071a'

export const kindTones: Record<string, Tone> = {
  wecom: 'green',
  dingtalk: 'blue',
  feishu: 'cyan',
  webhook: 'grey',
}
export const channelTones: Record<string, Tone> = {
  ...kindTones,
  in_app: 'purple',
  email: 'geekblue',
  sms: 'cyan',
}
export const statusTones: Record<string, Tone> = {
  sent: 'green',
  failed: 'red',
  retrying: 'orange',
  skipped: 'grey',
  pending: 'blue',
}
export const priorityTones: Record<string, Tone> = { urgent: 'red', high: 'orange', low: 'grey' }
