import { Alert, Button, List, Modal, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { DuplicateCandidate } from './account-merge.queries'
import './account-merge.messages'

type Props = {
  candidates: DuplicateCandidate[] | null
  onBack: () => void
  /** Saves despite the warning; not offered when the credit code is taken (the server refuses it). */
  onSaveAnyway: () => void
  /** Merges the record being edited with a candidate; absent while creating. */
  onMerge?: (c: DuplicateCandidate) => void
}

/** The warning a record form shows before saving an account that looks like an existing one. */
export function DuplicatesModal({ candidates, onBack, onSaveAnyway, onMerge }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const blocked = !!candidates?.some((c) => c.on === 'creditCode')
  return (
    <Modal
      open={!!candidates?.length}
      title={t('accountMerge.duplicatesTitle')}
      onCancel={onBack}
      footer={
        <Space>
          <Button onClick={onBack}>{t('accountMerge.back')}</Button>
          {!blocked && (
            <Button danger onClick={onSaveAnyway} data-testid="save-anyway">
              {t('accountMerge.saveAnyway')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>{t('accountMerge.duplicatesIntro')}</Typography.Paragraph>
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
                        void navigate(`/accounts/${c.id}`)
                      }}
                    >
                      {t('accountMerge.open')}
                    </Button>,
                    ...(onMerge
                      ? [
                          <Button key="merge" size="small" onClick={() => onMerge(c)}>
                            {t('accountMerge.merge')}
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
                  <Tag color={c.on === 'creditCode' ? 'red' : 'orange'}>{t(`accountMerge.on.${c.on}`)}</Tag>
                  {c.creditCode && <Typography.Text type="secondary">{c.creditCode}</Typography.Text>}
                  {c.domain && <Typography.Text type="secondary">{c.domain}</Typography.Text>}
                  {!c.visible && (
                    <Typography.Text type="secondary">{t('accountMerge.hidden')}</Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {blocked && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('accountMerge.creditCodeBlocks')} />
      )}
    </Modal>
  )
}
