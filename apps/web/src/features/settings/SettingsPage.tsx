import type { ReactNode } from 'react'
import { Grid, Select } from 'antd'
import { PlaybookSettingsTab } from '../accounts/PlaybookSettingsTab'
import { Tabs } from '../../shared/ui/Tabs'
import { Navigate, useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { AutomationTab, PlaybooksTab } from '../automation'
import { PipelinesTab } from '../pipeline/PipelinesTab'
import { AlertRulesTab } from '../alerts/AlertRulesTab'
import { HealthModelsTab } from '../health/HealthModelsTab'
import { TierRulesTab } from '../tiers'
import { LeadScoringTab } from '../leads'
import { IcpSettingsTab } from '../qualification/IcpSettingsTab'
import { ApiTokensTab } from './ApiTokensTab'
import { AuditLogTab } from './AuditLogTab'
import { ChannelsTab } from './ChannelsTab'
import { MyNotificationsTab } from './MyNotificationsTab'
import { RolesTab } from './RolesTab'
import { TeamsTab } from './TeamsTab'
import { UsersTab } from './UsersTab'
import { WorkspaceTab } from './WorkspaceTab'
import { TemplateTab } from './TemplateTab'
import { WorkspacesTab } from './WorkspacesTab'
import { isAdmin, scopeOf } from './common'
import { CustomFieldsTab } from '../fields'
import { ObjectsTab } from '../objects'
import { LayoutsTab } from '../layouts'
import { ApprovalFlowsTab } from '../approvals/ApprovalFlowsTab'
import { EffortCostsTab, NorthStarSettingsTab } from '../dashboards'
import { ServiceLevelsTab } from '../tickets/sla/ServiceLevelsTab'
import { TicketRoutingTab } from '../tickets/routing'
import { ImportHistoryTab } from '../imports'
import { IntegrationsTab } from '../integrations'

type TabDef = { key: string; label: string; render: () => ReactNode }

/** Settings, one tab per path: /settings/workspace, /settings/users, … (the tab is kept in the URL). */
export default function SettingsPage() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const navigate = useNavigate()
  const rest = useParams()['*'] ?? ''
  const phone = !Grid.useBreakpoint().sm
  const tabs: TabDef[] = [
    { key: 'workspace', label: t('nav.workspace'), render: () => <WorkspaceTab /> },
    ...(me?.operator
      ? [{ key: 'workspaces', label: t('workspaces.tab'), render: () => <WorkspacesTab /> }]
      : []),
    ...(can(me, 'users', 'read')
      ? [{ key: 'users', label: t('nav.users'), render: () => <UsersTab /> }]
      : []),
    ...(can(me, 'teams', 'read')
      ? [{ key: 'teams', label: t('nav.teams'), render: () => <TeamsTab /> }]
      : []),
    ...(can(me, 'roles', 'read')
      ? [{ key: 'roles', label: t('nav.roles'), render: () => <RolesTab /> }]
      : []),
    ...(isAdmin(me)
      ? [{ key: 'custom-fields', label: t('customFields.tab'), render: () => <CustomFieldsTab /> }]
      : []),
    ...(isAdmin(me) ? [{ key: 'objects', label: t('objects.tab'), render: () => <ObjectsTab /> }] : []),
    ...(isAdmin(me) ? [{ key: 'form-layouts', label: t('layouts.tab'), render: () => <LayoutsTab /> }] : []),
    ...(isAdmin(me)
      ? [{ key: 'template', label: t('workspaceTemplate.tab'), render: () => <TemplateTab /> }]
      : []),
    ...(can(me, 'rules', 'read')
      ? [{ key: 'automation', label: t('automation.tab'), render: () => <AutomationTab /> }]
      : []),
    ...(isAdmin(me)
      ? [{ key: 'approvals', label: t('approvals.flows.tab'), render: () => <ApprovalFlowsTab /> }]
      : []),
    ...(can(me, 'ticket-routing-rules', 'read')
      ? [{ key: 'ticket-routing', label: t('ticketRouting.tab'), render: () => <TicketRoutingTab /> }]
      : []),
    ...(can(me, 'playbooks', 'read')
      ? [{ key: 'playbooks', label: t('playbooks.tab'), render: () => <PlaybooksTab /> }]
      : []),
    ...(can(me, 'alert-rules', 'read')
      ? [{ key: 'alert-rules', label: t('alerts.rules.tab'), render: () => <AlertRulesTab /> }]
      : []),
    ...(can(me, 'pipelines', 'read')
      ? [{ key: 'pipelines', label: t('gate.settings.tab'), render: () => <PipelinesTab /> }]
      : []),
    ...(can(me, 'health-models', 'read')
      ? [{ key: 'health-models', label: t('health.models.tab'), render: () => <HealthModelsTab /> }]
      : []),
    ...(can(me, 'icps', 'read')
      ? [{ key: 'icp', label: t('qualification.icps.tab'), render: () => <IcpSettingsTab /> }]
      : []),
    {
      key: 'decision-map-playbook',
      label: t('decisionMap.settings.tab'),
      render: () => <PlaybookSettingsTab />,
    },
    { key: 'tiers', label: t('tiers.rules.tab'), render: () => <TierRulesTab /> },
    { key: 'service-levels', label: t('serviceLevels.tab'), render: () => <ServiceLevelsTab /> },
    { key: 'north-star', label: t('dashboards.northStar.tab'), render: () => <NorthStarSettingsTab /> },
    { key: 'effort-costs', label: t('dashboards.effort.tab'), render: () => <EffortCostsTab /> },
    { key: 'lead-scoring', label: t('leadScoring.settings.tab'), render: () => <LeadScoringTab /> },
    { key: 'api-tokens', label: t('nav.apiTokens'), render: () => <ApiTokensTab /> },
    { key: 'import-history', label: t('importHistory.tab'), render: () => <ImportHistoryTab /> },
    ...(scopeOf(me, 'webhooks', 'update') === 'all'
      ? [{ key: 'channels', label: t('channels.tab'), render: () => <ChannelsTab /> }]
      : []),
    ...(isAdmin(me)
      ? [{ key: 'integrations', label: t('integrations.tab'), render: () => <IntegrationsTab /> }]
      : []),
    { key: 'my-notifications', label: t('notifications.myTab'), render: () => <MyNotificationsTab /> },
    ...(scopeOf(me, 'audit-log', 'read') === 'all'
      ? [{ key: 'audit-log', label: t('nav.auditLog'), render: () => <AuditLogTab /> }]
      : []),
  ]
  const key = rest.split('/')[0] ?? ''
  const current = tabs.find((x) => x.key === key)
  if (!current) return <Navigate to={`/settings/${tabs[0]!.key}`} replace />
  return (
    <div>
      <div className="page-header">
        <h1>{t('nav.settings')}</h1>
      </div>
      <Tabs
        // Eighteen sections: a column beside the content instead of a row that overflows into a menu; on
        // a phone a picker above it (the same Tabs, so the section's content is never remounted when the
        // screen's width class changes, which would lose what is being edited).
        tabPosition={phone ? 'top' : 'left'}
        renderTabBar={
          phone
            ? () => (
                <Select
                  aria-label={t('settings.section')}
                  value={current.key}
                  onChange={(k: string) => navigate(`/settings/${k}`)}
                  options={tabs.map((x) => ({ value: x.key, label: x.label }))}
                  style={{ width: '100%', marginBottom: 16 }}
                  data-testid="settings-section"
                />
              )
            : undefined
        }
        activeKey={current.key}
        onChange={(k) => navigate(`/settings/${k}`)}
        destroyOnHidden
        items={tabs.map((x) => ({
          key: x.key,
          label: x.label,
          children: x.key === current.key ? x.render() : null,
        }))}
      />
    </div>
  )
}
