import { Alert, Button, List, Modal, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { recordPathOf } from '../records/paths'
import type { Duplicate } from './duplicates.queries'
import './duplicates.messages'

type Props = {
  /** accounts, contacts or leads. */
  collection: string
  candidates: Duplicate[] | null
  onBack: () => void
  /** Saves despite the warning; not offered when the credit code is taken (the server refuses it). */
  onSaveAnyway: () => void
  /** Merges the record being edited with a candidate (accounts, while editing). */
  onMerge?: (c: Duplicate) => void
}

/**
 * The warning a record form shows before saving an account, contact or lead that looks like an existing
 * one: each candidate with what they share and **Open**; the person may go back or save anyway.
 */
export function DuplicatesModal({ collection, candidates, onBack, onSaveAnyway, onMerge }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const blocked = !!candidates?.some((c) => c.on === 'creditCode')
  return (
    <Modal
      open={!!candidates?.length}
      title={t(`duplicates.title.${collection}`)}
      onCancel={onBack}
      footer={
        <Space>
          <Button onClick={onBack}>{t('duplicates.back')}</Button>
          {!blocked && (
            <Button danger onClick={onSaveAnyway} data-testid="save-anyway">
              {t('duplicates.saveAnyway')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>{t(`duplicates.intro.${collection}`)}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={candidates ?? []}
        renderItem={(c) => (
          <List.Item
            actions={
              c.visible
                ? [
                    <Button
                      key="open"
                      size="small"
                      onClick={() => {
                        onBack()
                        void navigate(recordPathOf(collection, c.id))
                      }}
                    >
                      {t('duplicates.open')}
                    </Button>,
                    ...(onMerge
                      ? [
                          <Button key="merge" size="small" onClick={() => onMerge(c)}>
                            {t('duplicates.merge')}
                          </Button>,
                        ]
                      : []),
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={c.name}
              description={
                <Space wrap size={[4, 4]}>
                  <Tag color={c.on === 'creditCode' ? 'red' : 'orange'}>
                    {t(`duplicates.on.${collection}.${c.on}`)}
                  </Tag>
                  {c.details.map((d) => (
                    <Typography.Text key={d} type="secondary">
                      {d}
                    </Typography.Text>
                  ))}
                  {!c.visible && <Typography.Text type="secondary">{t('duplicates.hidden')}</Typography.Text>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {blocked && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('duplicates.creditCodeBlocks')} />
      )}
    </Modal>
  )
}
