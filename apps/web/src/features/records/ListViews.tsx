import { useEffect, useState } from 'react'
import { App, Button, Dropdown, Form, Input, Modal, Radio, Select } from 'antd'
import type { MenuProps } from 'antd'
import { DownOutlined, TeamOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ListView, ListViewCreate } from '@openkam/contract'
import { ApiError, del, get, patch, post, type Page } from '../../shared/api/client'
import { useTeams } from '../../shared/api/lookups'
import { useAuth } from '../../app/auth'
import { savedViews, type useListState } from './useListState'

type ListState = ReturnType<typeof useListState>

/** The list's address parameters a view stands for. */
export function viewParams(v: Pick<ListView, 'q' | 'sort' | 'filters' | 'columns' | 'id'>) {
  return {
    ...v.filters,
    ...(v.q ? { q: v.q } : {}),
    ...(v.sort ? { sort: v.sort } : {}),
    ...(v.columns?.length ? { cols: v.columns.join(',') } : {}),
    view: v.id,
  }
}

/** The list's state as a view to save: search, filters, sort, and the columns if the person chose them. */
const viewOfState = (state: ListState) => ({
  q: state.q || null,
  sort: state.sort,
  filters: state.filters,
  columns: state.search.get('cols') ? state.columns : null,
})

/**
 * The views of a list, kept on the server (`/list-views`): the person's own and those shared with them
 * (their team's, the workspace's). Picking one applies it; the person saves the list as a view (private,
 * for a team or for everyone), updates, renames or deletes their own. Views an earlier version kept in
 * this browser are moved to the server once.
 */
export function ListViews({ collection, state }: { collection: string; state: ListState }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const [editing, setEditing] = useState<null | { view?: ListView; rename?: boolean }>(null)
  const key = ['list-views', collection]
  const views = useQuery({
    queryKey: key,
    queryFn: () => get<Page<ListView>>('/list-views', { object: collection, limit: 500, sort: 'name' }),
    enabled: !!me,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: key })

  // Views of this browser (before views were kept on the server): moved to the person's account once.
  useEffect(() => {
    if (!me) return
    const local = savedViews(me.id, collection)
    const list = local.list()
    if (!list.length) return
    void (async () => {
      let moved = 0
      for (const v of list) {
        const p = Object.fromEntries(new URLSearchParams(v.params))
        const { q, sort, cols, after: _a, view: _v, ...filters } = p
        try {
          await post('/list-views', {
            name: v.name,
            object: collection,
            q: q || null,
            sort: sort || null,
            filters,
            columns: cols ? cols.split(',') : null,
          } satisfies ListViewCreate)
          local.remove(v.name)
          moved++
        } catch {
          // Kept in the browser; it stays listed below until it moves.
        }
      }
      if (moved) {
        message.success(t('lists.views.moved', { count: moved }))
        await refresh()
      }
    })()
  }, [me?.id, collection]) // once per person and list

  const all = views.data?.data ?? []
  const mine = all.filter((v) => v.ownerId === me?.id)
  const shared = all.filter((v) => v.ownerId !== me?.id)
  const local = me ? savedViews(me.id, collection).list() : []
  const currentId = state.search.get('view')
  const current = all.find((v) => v.id === currentId)

  const apply = (v: ListView) => state.replaceAll(viewParams(v))
  const remove = (v: ListView) =>
    modal.confirm({
      title: t('lists.views.deleteConfirm', { name: v.name }),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: async () => {
        await del(`/list-views/${v.id}`)
        if (currentId === v.id) state.update({ view: null })
        message.success(t('lists.views.deleted'))
        await refresh()
      },
    })
  const updateCurrent = async (v: ListView) => {
    try {
      await patch(`/list-views/${v.id}`, { version: v.version, ...viewOfState(state) })
      message.success(t('lists.views.updated', { name: v.name }))
      await refresh()
    } catch (e) {
      message.error((e as Error).message)
    }
  }

  const items: MenuProps['items'] = [
    { key: '__all', label: t('lists.views.all') },
    ...(mine.length
      ? [
          {
            type: 'group' as const,
            key: 'mine',
            label: t('lists.views.mine'),
            children: mine.map((v) => ({
              key: v.id,
              label: v.name,
              icon:
                v.sharing !== 'private' ? <TeamOutlined aria-label={t('lists.views.sharedBy')} /> : undefined,
            })),
          },
        ]
      : []),
    ...(shared.length
      ? [
          {
            type: 'group' as const,
            key: 'shared',
            label: t('lists.views.shared'),
            children: shared.map((v) => ({ key: v.id, label: v.name })),
          },
        ]
      : []),
    ...(local.length
      ? [
          {
            type: 'group' as const,
            key: 'local',
            label: t('lists.views.local'),
            children: local.map((v) => ({ key: `local:${v.name}`, label: v.name })),
          },
        ]
      : []),
    { type: 'divider' as const },
    { key: '__save', label: t('lists.views.save') },
    ...(current && current.ownerId === me?.id
      ? [
          { key: '__update', label: t('lists.views.update', { name: current.name }) },
          { key: '__rename', label: t('lists.views.rename') },
          { key: '__delete', label: t('lists.views.delete'), danger: true },
        ]
      : []),
  ]
  const onClick: MenuProps['onClick'] = ({ key: k }) => {
    if (k === '__all') return state.replaceAll({})
    if (k === '__save') return setEditing({})
    if (k === '__update' && current) return void updateCurrent(current)
    if (k === '__rename' && current) return setEditing({ view: current, rename: true })
    if (k === '__delete' && current) return remove(current)
    if (k.startsWith('local:')) {
      const v = local.find((x) => `local:${x.name}` === k)
      if (v) state.replaceAll(Object.fromEntries(new URLSearchParams(v.params)))
      return
    }
    const v = all.find((x) => x.id === k)
    if (v) apply(v)
  }

  return (
    <>
      <Dropdown
        menu={{ items, onClick, selectable: true, selectedKeys: [currentId ?? '__all'] }}
        trigger={['click']}
      >
        <Button>
          {current ? t('lists.views.current', { name: current.name }) : t('lists.views.button')}{' '}
          <DownOutlined />
        </Button>
      </Dropdown>
      {editing && (
        <SaveViewModal
          collection={collection}
          view={editing.view}
          rename={!!editing.rename}
          state={state}
          onClose={() => setEditing(null)}
          onSaved={async (v) => {
            setEditing(null)
            await refresh()
            if (!editing.rename) state.update({ view: v.id }, false)
          }}
        />
      )}
    </>
  )
}

/** Saves the list as a new view (name, who sees it), or renames a view. */
function SaveViewModal({
  collection,
  view,
  rename,
  state,
  onClose,
  onSaved,
}: {
  collection: string
  view?: ListView
  rename: boolean
  state: ListState
  onClose: () => void
  onSaved: (v: ListView) => void
}) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const sharing = Form.useWatch('sharing', form)
  const teams = useTeams()
  const user = useQuery({
    queryKey: ['users', me?.id],
    queryFn: () => get<{ teamIds: string[] }>(`/users/${me!.id}`),
    enabled: !!me && !rename,
  })
  const myTeams = (teams.data?.data ?? []).filter((x) => user.data?.teamIds.includes(x.id))
  const submit = async () => {
    const values = (await form.validateFields()) as { name: string; sharing?: string; teamId?: string }
    setSaving(true)
    try {
      const saved = rename
        ? await patch<ListView>(`/list-views/${view!.id}`, { version: view!.version, name: values.name })
        : await post<ListView>('/list-views', {
            name: values.name,
            object: collection,
            ...viewOfState(state),
            sharing: (values.sharing ?? 'private') as ListView['sharing'],
            teamId: values.sharing === 'team' ? (values.teamId ?? null) : null,
          } satisfies ListViewCreate)
      message.success(rename ? t('lists.views.renamed') : t('lists.views.saved', { name: saved.name }))
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        form.setFields(
          e.errors.map((x) => ({ name: x.path === 'teamId' ? 'teamId' : 'name', errors: [x.message] })),
        )
      else message.error((e as Error).message)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal
      open
      title={rename ? t('lists.views.rename') : t('lists.views.saveAs')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: view?.name ?? '', sharing: 'private' }}
        onFinish={() => void submit()}
      >
        <Form.Item
          name="name"
          label={t('lists.views.name')}
          rules={[{ required: true, whitespace: true, message: t('lists.views.name') }]}
        >
          <Input autoFocus maxLength={100} />
        </Form.Item>
        {!rename && (
          <Form.Item name="sharing" label={t('lists.views.sharing')}>
            <Radio.Group
              options={[
                { value: 'private', label: t('lists.views.private') },
                { value: 'team', label: t('lists.views.team'), disabled: myTeams.length === 0 },
                { value: 'workspace', label: t('lists.views.workspace') },
              ]}
            />
          </Form.Item>
        )}
        {!rename && sharing === 'team' && (
          <Form.Item
            name="teamId"
            label={t('lists.views.teamPick')}
            initialValue={myTeams[0]?.id}
            rules={[{ required: true, message: t('lists.views.teamPick') }]}
          >
            <Select options={myTeams.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
