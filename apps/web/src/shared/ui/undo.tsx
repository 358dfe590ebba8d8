import type { ReactNode } from 'react'
import { Button, Space } from 'antd'
import type { MessageInstance } from 'antd/es/message/interface'

let seq = 0

/**
 * A success message with an **Undo** button, shown for 8 seconds after a destructive or hasty action
 * (delete, mark done). Undo closes the message and runs `onUndo`.
 * @example showUndo(message, t('common.deleted', { count: 1 }), t('common.undo'), () => post(`/rules/${id}/restore`))
 */
export function showUndo(
  message: MessageInstance,
  text: ReactNode,
  undoLabel: string,
  onUndo: () => unknown,
  key = `undo-${++seq}`,
) {
  void message.success({
    key,
    duration: 8,
    content: (
      <Space>
        {text}
        <Button
          size="small"
          type="link"
          onClick={async () => {
            message.destroy(key)
            await onUndo()
          }}
        >
          {undoLabel}
        </Button>
      </Space>
    ),
  })
}
