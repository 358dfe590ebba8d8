import { useMemo } from 'react'
import { Select } from 'antd'
import type { Recipient } from '@openkam/contract'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { useRoles } from '../settings/UsersTab'

/** A recipient as one select value: `owner`, `csm`, `manager`, `user:<id>` or `role:<key>`. */
const encode = (r: Recipient) =>
  r.kind === 'user' ? `user:${r.userId}` : r.kind === 'role' ? `role:${r.role}` : r.kind
const decode = (s: string): Recipient =>
  s.startsWith('user:')
    ? { kind: 'user', userId: s.slice(5) }
    : s.startsWith('role:')
      ? { kind: 'role', role: s.slice(5) }
      : { kind: s as 'owner' | 'csm' | 'manager' | 'assignee' | 'team_manager' }

/** "Record owner", "Legal (role)", "Li Wei": a recipient in words. */
export function recipientLabel(r: Recipient | undefined, t: TFunction, names: Record<string, string> = {}) {
  if (!r) return t('common.none')
  if (r.kind === 'user') return names[r.userId] ?? '…'
  if (r.kind === 'role')
    return t('automation.recipient.roleNamed', { role: t(`enums.role.${r.role}`, { defaultValue: r.role }) })
  return t(`automation.recipient.${r.kind}`)
}

function useRecipientOptions(current: Recipient[]) {
  const { t } = useTranslation()
  const users = useUsers()
  const roles = useRoles()
  return useMemo(() => {
    const chosen = new Set(current.map(encode))
    return [
      {
        label: t('automation.recipient.fromRecord'),
        options: (['owner', 'csm', 'manager', 'assignee', 'team_manager'] as const).map((k) => ({
          value: k,
          label: t(`automation.recipient.${k}`),
        })),
      },
      {
        label: t('automation.recipient.users'),
        options: (users.data?.data ?? [])
          .filter((u) => u.active || chosen.has(`user:${u.id}`))
          .map((u) => ({ value: `user:${u.id}`, label: u.name })),
      },
      {
        label: t('automation.recipient.roles'),
        options: (roles.data?.data ?? []).map((r) => ({
          value: `role:${r.key}`,
          label: t('automation.recipient.roleNamed', {
            role: t(`enums.role.${r.key}`, { defaultValue: r.name }),
          }),
        })),
      },
    ]
  }, [t, users.data, roles.data, current])
}

type Common = { id?: string; 'aria-label'?: string; style?: React.CSSProperties }

/** Who a task goes to: the record's owner, CSM or the owner's manager, a user, or everyone in a role. */
export function RecipientPicker({
  value,
  onChange,
  ...rest
}: Common & { value?: Recipient; onChange?: (r: Recipient | undefined) => void }) {
  const options = useRecipientOptions(value ? [value] : [])
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ? encode(value) : undefined}
      onChange={(v: string | undefined) => onChange?.(v ? decode(v) : undefined)}
      options={options}
    />
  )
}

/** Several recipients (for notifications). */
export function RecipientsPicker({
  value,
  onChange,
  ...rest
}: Common & { value: Recipient[]; onChange: (r: Recipient[]) => void }) {
  const options = useRecipientOptions(value)
  return (
    <Select
      {...rest}
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      value={value.map(encode)}
      onChange={(v: string[]) => onChange(v.map(decode))}
      options={options}
    />
  )
}
