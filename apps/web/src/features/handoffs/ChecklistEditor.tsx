import { Checkbox, Input, List, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { HandoffChecklistItem } from './handoffs.queries'

/** The checklist of a handoff: each item's notes and whether it is done; read-only once validated. */
export function ChecklistEditor({
  items,
  onChange,
  readOnly,
  missing = [],
}: {
  items: HandoffChecklistItem[]
  onChange: (items: HandoffChecklistItem[]) => void
  readOnly: boolean
  missing?: string[]
}) {
  const { t } = useTranslation()
  const set = (i: number, patch: Partial<HandoffChecklistItem>) =>
    onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)))
  return (
    <List
      dataSource={items}
      rowKey="key"
      renderItem={(item, i) => (
        <List.Item style={missing.includes(item.key) ? { background: '#fff1f0' } : undefined}>
          <div style={{ width: '100%' }}>
            <Checkbox
              checked={item.done}
              disabled={readOnly}
              onChange={(e) => set(i, { done: e.target.checked })}
            >
              <Typography.Text strong>
                {i + 1}. {item.label}
              </Typography.Text>
            </Checkbox>
            {readOnly ? (
              <Typography.Paragraph style={{ margin: '4px 0 0 24px', whiteSpace: 'pre-wrap' }}>
                {item.value || '—'}
              </Typography.Paragraph>
            ) : (
              <Input.TextArea
                style={{ marginTop: 6 }}
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={5000}
                aria-label={item.label}
                placeholder={t('handoffs.itemPlaceholder')}
                value={item.value ?? ''}
                onChange={(e) => set(i, { value: e.target.value || null })}
              />
            )}
          </div>
        </List.Item>
      )}
    />
  )
}
