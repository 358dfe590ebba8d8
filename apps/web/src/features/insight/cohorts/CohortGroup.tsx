import { Button, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ListFilters } from '../../records/ListFilters'
import { collections, fieldOf, labelOf, type CollectionMeta } from '../../records/meta'

type Props = {
  meta: CollectionMeta
  filters: Record<string, string>
  onChange: (filters: Record<string, string>) => void
}

/** Applies ListFilters' changes (null: removed) to a group's filters; the search box is not a filter here. */
export const applyChanges = (filters: Record<string, string>, changes: Record<string, string | null>) => {
  const next = { ...filters }
  for (const [k, v] of Object.entries(changes)) {
    if (k === 'q') continue
    if (v === null || v === '') delete next[k]
    else next[k] = v
  }
  return next
}

/**
 * One group's definition: the lists' own filter controls for the account's fields, and the filters on
 * related records (`marketing-touches.kind`, ADR 0031) as tags one can remove.
 */
export function CohortGroup({ meta, filters, onChange }: Props) {
  const { t } = useTranslation()
  const related = Object.entries(filters).filter(
    ([k]) => /^[a-z][a-z0-9-]*\./.test(k) && !k.startsWith('custom.'),
  )
  const describe = (key: string, value: string) => {
    const [object, ...rest] = key.split('.')
    const fieldKey = rest.join('.')
    const rm = collections[object!]
    const field = rm ? fieldOf(rm, fieldKey) : undefined
    const shown =
      field?.type === 'enum' && field.enum
        ? value
            .split(',')
            .map((v) => t(`enums.${field.enum}.${v}`, { defaultValue: v }))
            .join(', ')
        : value.split(',').join(', ')
    const objectLabel = t(`insightCohorts.relatedObjects.${object}`, { defaultValue: object })
    return `${objectLabel} · ${field ? labelOf(field, t) : fieldKey}: ${shown}`
  }
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <ListFilters
        meta={meta}
        q=""
        search={false}
        filters={filters}
        onChange={(c) => onChange(applyChanges(filters, c))}
      />
      {related.length > 0 && (
        <Space wrap size={4} aria-label={t('insightCohorts.related')}>
          {related.map(([k, v]) => (
            <Tag
              key={k}
              // Long related filters (a campaign's name) wrap instead of pushing the page wider on a phone.
              style={{ whiteSpace: 'normal', maxWidth: '100%' }}
              closable
              closeIcon={
                <span aria-label={t('insightCohorts.removeRelated', { filter: describe(k, v) })}>×</span>
              }
              onClose={() => onChange(applyChanges(filters, { [k]: null }))}
            >
              {describe(k, v)}
            </Tag>
          ))}
        </Space>
      )}
      {Object.keys(filters).length === 0 && (
        <Typography.Text type="secondary">{t('insightCohorts.noFilters')}</Typography.Text>
      )}
    </Space>
  )
}

export const PresetButton = ({ onClick }: { onClick: () => void }) => {
  const { t } = useTranslation()
  return (
    <Button
      size="small"
      style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'start' }}
      onClick={onClick}
      title={t('insightCohorts.presetHelp', { campaign: t('insightCohorts.seminarCampaign') })}
    >
      {t('insightCohorts.preset')}
    </Button>
  )
}
