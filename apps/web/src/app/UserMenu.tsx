import { Suspense, lazy, useState } from 'react'
import { Avatar, Button, Space, Typography } from 'antd'
import { useAuth } from './auth'
import type { MyWorkspace } from './workspaces'

const load = () => import('./UserMenuDropdown')
const UserMenuDropdown = lazy(load)

/**
 * The user menu at the top right: the workspace, the roles, the other workspaces to switch to, sign-out.
 * Its drop-down's code loads on first use: until then the same button, which fetches it when the pointer or
 * the focus reaches it; a click opens the menu in its place.
 */
export function UserMenu({ others }: { others: MyWorkspace[] }) {
  const { me } = useAuth()
  const [opened, setOpened] = useState(false)
  // Once swapped for the drop-down's, the button takes the focus the first one had (it was just clicked).
  const button = (onClick?: () => void) => (
    <Button
      type="text"
      onClick={onClick}
      onPointerEnter={() => void load()}
      onFocus={() => void load()}
      autoFocus={opened}
    >
      <Space>
        <Avatar size="small" style={{ background: '#1f56d6' }}>
          {me?.name.slice(0, 1)}
        </Avatar>
        <Typography.Text className="hide-narrow">{me?.name}</Typography.Text>
      </Space>
    </Button>
  )
  if (!opened) return button(() => setOpened(true))
  return (
    <Suspense fallback={button()}>
      <UserMenuDropdown others={others}>{button()}</UserMenuDropdown>
    </Suspense>
  )
}
