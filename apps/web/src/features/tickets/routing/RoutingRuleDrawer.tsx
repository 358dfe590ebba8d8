import { useMemo, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import type { TicketRoutingRule } from '@openkam/contract'
import { ApiError } from '../../../shared/api/client'
import { useTeams, useUsers } from '../../../shared/api/lookups'
import { ConditionsSection } from '../../automation/ConditionsSection'
import { ErrorsContext, errorsByPath } from '../../automation/Labeled'
import {
  extraTicketFields,
  newRoutingDraft,
  routingBody,
  routingDraft,
  type RoutingDraft,
} from './routing-draft'
import { useSaveRoutingRule } from './routing.queries'

/** The routing rule editor: name, switch, conditions on the ticket and its account, and the target. */
export function RoutingRuleDrawer({
  rule,
  onClose,
}: {
  rule: TicketRoutingRule | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [draft, setDraft] = useState<RoutingDraft>(() => (rule ? routingDraft(rule) : newRoutingDraft()))
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const users = useUsers()
  const teams = useTeams()
  const save = useSaveRoutingRule()
  const set = (patch: Partial<RoutingDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const extra = useMemo(() => extraTicketFields(t), [t])
  const byPath = useMemo(() => errorsByPath(errors), [errors])
  const itemProps = (path: string) => {
    const list = errors.filter((e) => e.path === path).map((e) => e.message)
    return list.length ? { validateStatus: 'error' as const, help: list.join('; ') } : {}
  }
  const teamOptions = (teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))
  const userOptions = (users.data?.data ?? [])
    .filter((u) => u.active || u.id === draft.userId)
    .map((u) => ({ value: u.id, label: u.name }))

  const submit = async () => {
    setErrors([])
    setProblem(null)
    try {
      await save.mutateAsync({ id: rule?.id, version: rule?.version, body: routingBody(draft) })
      void message.success(rule ? t('common.saved') : t('common.created'))
      onClose()
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.errors)
        setProblem(e.message)
      } else setProblem((e as Error).message)
    }
  }

  return (
    <Drawer
      open
      onClose={onClose}
      width="min(760px, 100vw)"
      destroyOnHidden
      title={
        rule ? t('ticketRouting.drawer.editTitle', { name: rule.name }) : t('ticketRouting.drawer.newTitle')
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <ErrorsContext.Provider value={byPath}>
        <Form layout="vertical" onFinish={() => void submit()}>
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item
              label={t('ticketRouting.drawer.name')}
              htmlFor="routing-name"
              required
              {...itemProps('name')}
            >
              <Input
                id="routing-name"
                style={{ width: 'min(320px, 80vw)' }}
                value={draft.name}
                maxLength={200}
                onChange={(e) => set({ name: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('ticketRouting.drawer.enabled')} htmlFor="routing-enabled">
              <Switch id="routing-enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
            </Form.Item>
          </Space>
          <Divider titlePlacement="start">{t('ticketRouting.drawer.conditions')}</Divider>
          <Typography.Paragraph type="secondary">
            {t('ticketRouting.drawer.conditionsHelp')}
          </Typography.Paragraph>
          {byPath.condition && <Typography.Text type="danger">{byPath.condition.join('; ')}</Typography.Text>}
          <ConditionsSection
            group={draft.condition}
            onChange={(condition) => set({ condition })}
            entity="ticket"
            withBefore={false}
            path="condition"
            extraFields={extra}
            emptyText={t('ticketRouting.noConditions')}
          />
          <Divider titlePlacement="start">{t('ticketRouting.drawer.target')}</Divider>
          <Form.Item label={t('ticketRouting.drawer.kind')} {...itemProps('assign.kind')}>
            <Radio.Group
              optionType="button"
              value={draft.kind}
              aria-label={t('ticketRouting.drawer.kind')}
              onChange={(e) =>
                set({ kind: e.target.value, ...(e.target.value === 'team' ? { userId: undefined } : {}) })
              }
              options={[
                { value: 'team', label: t('ticketRouting.drawer.kinds.team') },
                { value: 'user', label: t('ticketRouting.drawer.kinds.user') },
              ]}
            />
          </Form.Item>
          {draft.kind === 'team' ? (
            <>
              <Form.Item
                label={t('ticketRouting.drawer.team')}
                htmlFor="routing-team"
                required
                {...itemProps('assign.teamId')}
              >
                <Select
                  id="routing-team"
                  style={{ width: 'min(320px, 80vw)' }}
                  placeholder={t('ticketRouting.drawer.chooseTeam')}
                  showSearch={{ optionFilterProp: 'label' }}
                  value={draft.teamId}
                  onChange={(teamId: string) => set({ teamId })}
                  options={teamOptions}
                />
              </Form.Item>
              <Form.Item
                label={t('ticketRouting.drawer.strategy')}
                required
                extra={t(`ticketRouting.strategyHelp.${draft.strategy}`)}
                {...itemProps('assign.strategy')}
              >
                <Radio.Group
                  value={draft.strategy}
                  aria-label={t('ticketRouting.drawer.strategy')}
                  onChange={(e) => set({ strategy: e.target.value })}
                  options={(['round_robin', 'least_open'] as const).map((s) => ({
                    value: s,
                    label: t(`ticketRouting.strategies.${s}`),
                  }))}
                />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                label={t('ticketRouting.drawer.user')}
                htmlFor="routing-user"
                required
                {...itemProps('assign.userId')}
              >
                <Select
                  id="routing-user"
                  style={{ width: 'min(320px, 80vw)' }}
                  placeholder={t('ticketRouting.drawer.chooseUser')}
                  showSearch={{ optionFilterProp: 'label' }}
                  value={draft.userId}
                  onChange={(userId: string) => set({ userId })}
                  options={userOptions}
                />
              </Form.Item>
              <Form.Item
                label={t('ticketRouting.drawer.alsoTeam')}
                htmlFor="routing-user-team"
                {...itemProps('assign.teamId')}
              >
                <Select
                  id="routing-user-team"
                  allowClear
                  style={{ width: 'min(320px, 80vw)' }}
                  placeholder={t('ticketRouting.drawer.chooseTeam')}
                  value={draft.teamId}
                  onChange={(teamId?: string) => set({ teamId })}
                  options={teamOptions}
                />
              </Form.Item>
            </>
          )}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </ErrorsContext.Provider>
    </Drawer>
  )
}
