import { useState } from 'react'
import { Input, List, Modal, Space, Tag, Typography } from 'antd'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { SearchHit } from '@openkam/contract'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { get } from '../shared/api/client'
import { useDebounced } from '../features/report-builder/use-debounced'

type Hit = SearchHit

/** Where a hit opens: accounts at their 360° page, the rest at their record page. */
const pathOf = (h: Hit) => (h.object === 'accounts' ? `/accounts/${h.id}` : `/${h.object}/${h.id}`)

/** The search dialog of GlobalSearch (loaded when first opened): the query, its hits, arrows and Enter to open one. */
export default function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const [active, setActive] = useState(0)
  const term = useDebounced(q.trim(), 200)
  const hits = useQuery({
    queryKey: ['search', term],
    enabled: term.length >= 1,
    queryFn: async () => (await get<{ data: Hit[] }>('/search', { q: term })).data,
    placeholderData: keepPreviousData,
  })
  const list: Hit[] = term ? (hits.data ?? []) : []
  const go = (h: Hit) => {
    onClose()
    setQ('')
    navigate(pathOf(h))
  }
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('common.search')} destroyOnHidden>
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
        locale={{ emptyText: term ? t('common.noResults') : t('common.searchHelp') }}
        dataSource={list}
        renderItem={(h, i) => (
          <List.Item
            onClick={() => go(h)}
            aria-selected={i === active}
            role="option"
            style={{
              cursor: 'pointer',
              background: i === active ? '#f0f5ff' : undefined,
              paddingInline: 8,
            }}
          >
            <Space size={8} wrap>
              <Tag>{t(`nav.${h.object}`)}</Tag>
              <span>{h.title}</span>
              {h.matchedField && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.matchedLabel}: {h.matchedValue}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Modal>
  )
}
