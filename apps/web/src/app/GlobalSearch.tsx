import { useEffect, useState } from 'react'
import { Input, List, Modal, Tag, Typography } from 'antd'
import { SearchOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../shared/api/client'

type Hit = { kind: 'accounts' | 'contacts' | 'opportunities'; id: string; name: string; accountId?: string }

/** Ctrl+K (or ⌘K) opens a search over accounts, contacts and opportunities by name. */
export function GlobalSearch() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [q, setQ] = useState('')
  const [active, setActive] = useState(0)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        setOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  const term = q.trim()
  const hits = useQuery({
    queryKey: ['search', term],
    enabled: term.length >= 1,
    queryFn: async () => {
      const [a, c, o] = await Promise.all(
        (['accounts', 'contacts', 'opportunities'] as const).map((k) =>
          get<Page<{ id: string; name: string; accountId?: string }>>(`/${k}`, { q: term, limit: 5 }).catch(
            () => ({ data: [] }),
          ),
        ),
      )
      return [
        ...a!.data.map((r) => ({ kind: 'accounts' as const, id: r.id, name: r.name })),
        ...c!.data.map((r) => ({
          kind: 'contacts' as const,
          id: r.id,
          name: r.name,
          accountId: r.accountId,
        })),
        ...o!.data.map((r) => ({
          kind: 'opportunities' as const,
          id: r.id,
          name: r.name,
          accountId: r.accountId,
        })),
      ]
    },
  })
  const list: Hit[] = hits.data ?? []
  const go = (h: Hit) => {
    setOpen(false)
    setQ('')
    navigate(h.kind === 'accounts' ? `/accounts/${h.id}` : `/${h.kind}/${h.id}`)
  }
  return (
    <>
      <Input
        prefix={<SearchOutlined />}
        placeholder={t('common.searchPlaceholder')}
        suffix={<Typography.Text type="secondary">{t('common.searchHint')}</Typography.Text>}
        onFocus={() => setOpen(true)}
        readOnly
        aria-label={t('common.search')}
        style={{ maxWidth: 420 }}
      />
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t('common.search')}
        destroyOnHidden
      >
        <Input
          autoFocus
          value={q}
          aria-label={t('common.search')}
          placeholder={t('common.searchPlaceholder')}
          onChange={(e) => {
            setQ(e.target.value)
            setActive(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, list.length - 1))
            if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0))
            if (e.key === 'Enter' && list[active]) go(list[active]!)
          }}
        />
        <List
          style={{ marginTop: 12 }}
          loading={hits.isFetching}
          locale={{ emptyText: term ? t('common.noResults') : ' ' }}
          dataSource={list}
          renderItem={(h, i) => (
            <List.Item
              onClick={() => go(h)}
              style={{
                cursor: 'pointer',
                background: i === active ? '#f0f5ff' : undefined,
                paddingInline: 8,
              }}
            >
              <Tag>{t(`nav.${h.kind}`)}</Tag> {h.name}
            </List.Item>
          )}
        />
      </Modal>
    </>
  )
}
