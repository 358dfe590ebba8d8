import { Button, Input, Radio, Select, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useTeams, useUsers } from '../../shared/api/lookups'
import type { FormProps } from './ActionForms'
import { fieldId, Labeled, RowsHeading } from './Labeled'
import { labelOf, pathOf } from '../records/meta'
import { useRuleCustomFields } from './rule-custom-fields'
import { conditionFieldGroups, fieldOfPath, fieldsOfEntity, isSettable } from './rule-fields'
import { ValueInput } from './ValueInput'

const rowStyle = { display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' } as const
const notSettable = new Set(['updatedAt', 'createdAt', 'lastContactedAt'])

function useUserOptions(keep: (string | undefined)[] = []) {
  const users = useUsers()
  return (users.data?.data ?? [])
    .filter((u) => u.active || keep.includes(u.id))
    .map((u) => ({ value: u.id, label: u.name }))
}

/** Set fields of the record: field → value rows (text may use placeholders). */
export function UpdateFieldsForm({ action, path, entity, onChange }: FormProps<'update_fields'>) {
  const { t } = useTranslation()
  useRuleCustomFields(entity)
  const fields = fieldsOfEntity(entity).filter((f) => !notSettable.has(f.key) && isSettable(f))
  const rows = action.rows
  const setRow = (i: number, row: (typeof rows)[number]) =>
    onChange({ ...action, rows: rows.map((r, j) => (j === i ? row : r)) })
  const fieldsErrorPath = `${path}.fields`
  return (
    <>
      <RowsHeading
        label={t('automation.fieldsToSet')}
        path={fieldsErrorPath}
        extra={t('automation.updateHelp')}
      />
      {rows.map((row, i) => {
        const used = new Set(rows.filter((_, j) => j !== i).map((r) => r.field))
        const p = `${path}.fields.${row.field || i}`
        return (
          <div key={i} style={rowStyle}>
            <Labeled
              label={t('automation.field')}
              path={`${p}.field`}
              hideLabel
              style={{ flex: '1 1 200px', marginBottom: 12 }}
            >
              {fields.length ? (
                <Select
                  id={fieldId(`${p}.field`)}
                  aria-label={t('automation.field')}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('automation.chooseField')}
                  value={row.field || undefined}
                  onChange={(f: string) => setRow(i, { field: f, value: undefined })}
                  options={fields
                    .filter((f) => !used.has(pathOf(f)))
                    .map((f) => ({
                      value: pathOf(f),
                      label: labelOf(f, (k) => t(k, { defaultValue: f.key })),
                    }))}
                />
              ) : (
                <Input
                  id={fieldId(`${p}.field`)}
                  aria-label={t('automation.field')}
                  value={row.field}
                  onChange={(e) => setRow(i, { ...row, field: e.target.value })}
                />
              )}
            </Labeled>
            <Labeled
              label={t('automation.value')}
              path={p}
              hideLabel
              style={{ flex: '2 1 240px', marginBottom: 12 }}
            >
              <ValueInput
                id={fieldId(p)}
                aria-label={t('automation.newValue')}
                forUpdate
                field={row.field ? fieldOfPath(entity, row.field) : undefined}
                value={row.value}
                onChange={(value) => setRow(i, { ...row, value })}
              />
            </Labeled>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('automation.removeField')}
              title={t('automation.removeField')}
              disabled={rows.length === 1}
              onClick={() => onChange({ ...action, rows: rows.filter((_, j) => j !== i) })}
            />
          </div>
        )
      })}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange({ ...action, rows: [...rows, { field: '' }] })}
      >
        {t('automation.addField')}
      </Button>
    </>
  )
}

/** Give the record an owner: in turn from users or a team, or by territory (a field's value → a user). */
export function AssignOwnerForm({ action, path, entity, onChange }: FormProps<'assign_owner'>) {
  const { t } = useTranslation()
  const teams = useTeams()
  const userOptions = useUserOptions([
    ...action.userIds,
    action.fallbackUserId,
    ...action.territories.map((x) => x.userId),
  ])
  const set = (patch: Partial<typeof action>) => onChange({ ...action, ...patch })
  const p = (k: string) => `${path}.${k}`
  useRuleCustomFields(entity)
  const fieldGroups = conditionFieldGroups(entity, false, t)
  return (
    <>
      <Radio.Group
        style={{ marginBottom: 12 }}
        aria-label={t('automation.strategy')}
        value={action.strategy}
        onChange={(e) => set({ strategy: e.target.value })}
        options={[
          { value: 'round_robin', label: t('automation.strategies.round_robin') },
          { value: 'territory', label: t('automation.strategies.territory') },
        ]}
      />
      {action.strategy === 'round_robin' ? (
        <>
          <div>
            <Radio.Group
              size="small"
              optionType="button"
              style={{ marginBottom: 12 }}
              aria-label={t('automation.pool')}
              value={action.pool}
              onChange={(e) => set({ pool: e.target.value })}
              options={[
                { value: 'users', label: t('automation.pools.users') },
                { value: 'team', label: t('automation.pools.team') },
              ]}
            />
          </div>
          {action.pool === 'users' ? (
            <Labeled label={t('automation.pools.users')} path={p('userIds')} required>
              <Select
                id={fieldId(p('userIds'))}
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                value={action.userIds}
                onChange={(userIds: string[]) => set({ userIds })}
                options={userOptions}
              />
            </Labeled>
          ) : (
            <Labeled
              label={t('automation.pools.team')}
              path={p('teamId')}
              required
              extra={t('automation.teamHelp')}
            >
              <Select
                id={fieldId(p('teamId'))}
                showSearch={{ optionFilterProp: 'label' }}
                value={action.teamId}
                onChange={(teamId: string) => set({ teamId })}
                options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Labeled>
          )}
        </>
      ) : (
        <>
          <Labeled
            label={t('automation.territoryField')}
            path={p('field')}
            required
            extra={t('automation.territoryHelp')}
          >
            {fieldGroups.length ? (
              <Select
                id={fieldId(p('field'))}
                showSearch={{ optionFilterProp: 'label' }}
                value={action.field}
                onChange={(field: string) => set({ field })}
                options={fieldGroups}
              />
            ) : (
              <Input
                id={fieldId(p('field'))}
                value={action.field ?? ''}
                onChange={(e) => set({ field: e.target.value })}
              />
            )}
          </Labeled>
          <RowsHeading label={t('automation.territories')} path={p('territories')} />
          {action.territories.length === 0 && (
            <Typography.Paragraph type="secondary">{t('automation.noTerritories')}</Typography.Paragraph>
          )}
          {action.territories.map((row, i) => {
            const setRow = (patch: Partial<typeof row>) =>
              set({ territories: action.territories.map((r, j) => (j === i ? { ...r, ...patch } : r)) })
            return (
              <div key={i} style={{ ...rowStyle, marginBottom: 8 }}>
                <div style={{ flex: '1 1 200px' }}>
                  <ValueInput
                    aria-label={t('automation.territoryValue')}
                    placeholder={t('automation.territoryValue')}
                    field={action.field ? fieldOfPath(entity, action.field) : undefined}
                    value={row.value || undefined}
                    onChange={(v) => setRow({ value: v === undefined ? '' : String(v) })}
                  />
                </div>
                <Select
                  aria-label={t('automation.territoryOwner')}
                  placeholder={t('automation.territoryOwner')}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ flex: '1 1 200px' }}
                  value={row.userId}
                  onChange={(userId: string) => setRow({ userId })}
                  options={userOptions}
                />
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('automation.removeTerritory')}
                  title={t('automation.removeTerritory')}
                  onClick={() => set({ territories: action.territories.filter((_, j) => j !== i) })}
                />
              </div>
            )
          })}
          <Button
            size="small"
            icon={<PlusOutlined />}
            style={{ marginBottom: 16 }}
            onClick={() => set({ territories: [...action.territories, { value: '' }] })}
          >
            {t('automation.addTerritory')}
          </Button>
          <Labeled
            label={t('automation.fallback')}
            path={p('fallbackUserId')}
            extra={t('automation.fallbackHelp')}
          >
            <Select
              id={fieldId(p('fallbackUserId'))}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={action.fallbackUserId}
              onChange={(v?: string) => set({ fallbackUserId: v ?? undefined })}
              options={userOptions}
            />
          </Labeled>
        </>
      )}
    </>
  )
}
