import { Tabs } from '../../shared/ui/Tabs'
import { useEffect, useRef, useState } from 'react'
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Space, Switch, Tag, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError, patch, post } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { ActionsSection } from './ActionsSection'
import { automationKeys, useRule, type Rule } from './automation.queries'
import { ConditionsSection } from './ConditionsSection'
import { DryRunPanel } from './DryRunPanel'
import { ErrorsContext, errorsByPath, fieldId, Labeled, type PathErrors } from './Labeled'
import {
  draftOf,
  emptyDraft,
  entityOf,
  errorPath,
  hasBefore,
  ruleBody,
  ruleUpdateBody,
  type RuleDraft,
} from './rule-draft'
import { describePath, focusPath, validateDraft, type Issue } from './rule-paths'
import { RuleRunsTable } from './RuleRunsTable'
import { RuleVersionsTable } from './RuleVersionsTable'
import { TriggerSection } from './TriggerSection'
import { isDeletedObject, useRuleEntities } from './rule-entities'
import { customObjectKeyOf } from '@openkam/contract'

const snapshot = (d: RuleDraft) => JSON.stringify(ruleBody(d))

/** The rule designer at /settings/automation/<id|new>: definition, dry run, runs and versions. */
export default function RuleDesignerPage() {
  const { id } = useParams()
  const isNew = id === 'new'
  const rule = useRule(isNew ? undefined : id)
  if (!isNew && rule.isLoading) return <LoadingState rows={12} />
  if (!isNew && (rule.isError || !rule.data))
    return <ErrorState error={rule.error} onRetry={() => void rule.refetch()} />
  return <RuleDesigner key={isNew ? 'new' : id} rule={isNew ? null : rule.data!} />
}

function RuleDesigner({ rule }: { rule: Rule | null }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const [base, setBase] = useState(rule)
  const [draft, setDraftState] = useState<RuleDraft>(() => (rule ? draftOf(rule) : emptyDraft()))
  const [saved, setSaved] = useState(() => snapshot(draft))
  const [issues, setIssues] = useState<Issue[]>([])
  const [tried, setTried] = useState(false)
  const [saving, setSaving] = useState(false)
  const leaving = useRef(false)
  const summary = useRef<HTMLDivElement>(null)
  const dirty = snapshot(draft) !== saved
  const canSave = base ? can(me, 'rules', 'update') : can(me, 'rules', 'create')
  const errors: PathErrors = errorsByPath(issues)

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  )
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  // Once a save was tried, problems are checked as the rule changes (the API's own are dropped on change).
  const setDraft = (next: RuleDraft) => {
    setDraftState(next)
    if (tried) setIssues(validateDraft(next, t))
  }
  const showIssues = (list: Issue[]) => {
    setTried(true)
    setIssues(list)
    setParams({}, { replace: true })
    setTimeout(() => summary.current?.focus(), 0)
  }
  const load = (r: Rule) => {
    const d = draftOf(r)
    setBase(r)
    setDraftState(d)
    setSaved(snapshot(d))
    qc.setQueryData(automationKeys.rule(r.id), r)
  }

  const save = async () => {
    const found = validateDraft(draft, t)
    if (found.length) return showIssues(found)
    setSaving(true)
    try {
      const result = base
        ? await patch<Rule>(`/rules/${base.id}`, ruleUpdateBody(draft, base.version))
        : await post<Rule>('/rules', ruleBody(draft))
      void qc.invalidateQueries({ queryKey: automationKeys.rules })
      void message.success(base ? t('common.saved') : t('common.created'))
      setIssues([])
      setTried(false)
      load(result)
      if (!base) {
        leaving.current = true
        navigate(`/settings/automation/${result.id}`, { replace: true })
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body.current) {
        load(e.body.current as Rule)
        modal.warning({ title: t('common.conflictTitle'), content: t('automation.conflictBody') })
      } else if (e instanceof ApiError && e.errors.length) {
        showIssues(e.errors.map((x) => ({ path: errorPath(x.path), message: x.message })))
      } else {
        void message.error(e instanceof Error ? e.message : String(e))
      }
    } finally {
      setSaving(false)
    }
  }

  const entity = entityOf(draft.trigger)
  const objects = useRuleEntities()
  const objectGone =
    objects.loaded && isDeletedObject(base && 'entity' in base.trigger ? base.trigger.entity : undefined)
  const tab = base ? (params.get('tab') ?? 'definition') : 'definition'
  const definition = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Form layout="vertical" component={false} disabled={!canSave}>
          <Card title={t('automation.basics')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={18}>
                <Labeled label={t('fields.name')} path="name" required>
                  <Input
                    id={fieldId('name')}
                    maxLength={200}
                    value={draft.name}
                    onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                  />
                </Labeled>
              </Col>
              <Col xs={24} md={6}>
                <Labeled label={t('automation.enabled')} path="enabled">
                  <Switch
                    id={fieldId('enabled')}
                    checked={draft.enabled}
                    onChange={(enabled) => setDraft({ ...draft, enabled })}
                  />
                </Labeled>
              </Col>
            </Row>
            <Labeled label={t('fields.description')} path="description">
              <Input.TextArea
                id={fieldId('description')}
                maxLength={2000}
                autoSize={{ minRows: 2, maxRows: 5 }}
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
            </Labeled>
          </Card>
          <Card title={t('automation.trigger')} style={{ marginBottom: 16 }}>
            <TriggerSection
              trigger={draft.trigger}
              onChange={(trigger) => setDraft({ ...draft, trigger })}
              rule={base}
            />
          </Card>
          <Card title={t('automation.conditions')} style={{ marginBottom: 16 }}>
            <ConditionsSection
              group={draft.conditions}
              entity={entity}
              withBefore={hasBefore(draft.trigger.kind)}
              onChange={(conditions) => setDraft({ ...draft, conditions })}
            />
          </Card>
          <Card title={t('automation.actions')}>
            <ActionsSection
              actions={draft.actions}
              entity={entity}
              onChange={(actions) => setDraft({ ...draft, actions })}
            />
          </Card>
        </Form>
      </Col>
      <Col xs={24} xl={8}>
        <div style={{ position: 'sticky', top: 16 }}>
          <DryRunPanel draft={draft} onInvalid={showIssues} />
        </div>
      </Col>
    </Row>
  )

  return (
    <ErrorsContext.Provider value={errors}>
      <div className="page-header">
        <div>
          <Typography.Text type="secondary">
            <Link to="/settings">{t('nav.settings')}</Link> /{' '}
            <Link to="/settings/automation">{t('automation.tab')}</Link>
          </Typography.Text>
          <Typography.Title level={1} style={{ margin: '4px 0' }}>
            {base ? base.name : t('automation.newRule')}
          </Typography.Title>
          <Space wrap>
            {base?.template && <Tag color="geekblue">{t('automation.fromTemplate')}</Tag>}
            {base && <Tag>v{base.version}</Tag>}
            {dirty && <Tag color="orange">{t('automation.unsaved')}</Tag>}
          </Space>
        </div>
        <Space>
          <Button onClick={() => navigate('/settings/automation')}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={!canSave} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Space>
      </div>
      {objectGone && base && 'entity' in base.trigger && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ruleObjects.deleted', { key: customObjectKeyOf(base.trigger.entity) })}
        />
      )}
      {issues.length > 0 && (
        <div ref={summary} tabIndex={-1} style={{ outline: 'none', marginBottom: 16 }}>
          <Alert
            type="error"
            showIcon
            title={t('automation.problems', { count: issues.length })}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {issues.map((x, i) => (
                  <li key={i}>
                    <Typography.Link onClick={() => focusPath(x.path)}>
                      {describePath(x.path, draft, t)}
                    </Typography.Link>
                    : {x.message}
                  </li>
                ))}
              </ul>
            }
          />
        </div>
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'definition' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'definition', label: t('automation.definition'), children: definition },
          {
            key: 'runs',
            label: base ? t('automation.runsCount', { count: base.runCount }) : t('automation.runs'),
            disabled: !base,
            children: base && <RuleRunsTable ruleId={base.id} />,
          },
          {
            key: 'versions',
            label: t('automation.versions'),
            disabled: !base,
            children: base && <RuleVersionsTable ruleId={base.id} current={base.version} />,
          },
        ]}
      />
      <Modal
        open={blocker.state === 'blocked'}
        title={t('automation.leaveTitle')}
        okText={t('automation.leave')}
        okButtonProps={{ danger: true }}
        cancelText={t('automation.stay')}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {t('automation.leaveBody')}
      </Modal>
    </ErrorsContext.Provider>
  )
}
