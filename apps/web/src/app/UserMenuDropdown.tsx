import { useState, type ReactElement } from 'react'
import { App, Dropdown } from 'antd'
import { LogoutOutlined, SwapOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from './auth'
import { switchWorkspace, type MyWorkspace } from './workspaces'
// The switcher's texts, in both languages (Settings → Workspaces has the same).
import '../features/settings/workspaces.messages'

/** The user menu's drop-down (UserMenu loads it on first use, open: it was asked for by a click). */
export default function UserMenuDropdown({
  others,
  children,
}: {
  others: MyWorkspace[]
  children: ReactElement
}) {
  const { t } = useTranslation()
  const { me, signOut } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [open, setOpen] = useState(true)
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
      menu={{
        items: [
          { key: 'ws', label: me?.workspace.name, disabled: true },
          {
            key: 'roles',
            label: me?.roles.map((r) => t(`enums.role.${r}`, { defaultValue: r })).join(' · '),
            disabled: true,
          },
          ...(others.length
            ? [
                { type: 'divider' as const },
                {
                  type: 'group' as const,
                  key: 'switch',
                  label: t('workspaces.switchTitle'),
                  children: others.map((w) => ({
                    key: `ws:${w.id}`,
                    icon: <SwapOutlined />,
                    label: w.name,
                  })),
                },
              ]
            : []),
          { type: 'divider' },
          { key: 'out', icon: <LogoutOutlined />, label: t('auth.signOut') },
        ],
        onClick: (e) => {
          setOpen(false)
          if (e.key === 'out') void signOut().then(() => navigate('/'))
          const target = others.find((w) => `ws:${w.id}` === e.key)
          if (target) {
            void message.loading(t('workspaces.switching', { name: target.name }))
            switchWorkspace(target.id).catch((err: Error) => void message.error(err.message))
          }
        },
      }}
    >
      {children}
    </Dropdown>
  )
}
