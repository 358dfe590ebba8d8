// What every operation of the OpenAPI document requires of the person calling it — the "declared permission"
// the authorization matrix (src/core/access/authorization-matrix.api.test.ts) checks the server against.
// Collections served by the shared machinery are classified by rule; every other route is named here, so a
// route added without a line in this file fails the matrix until someone says what it requires.
import type { Action, Scope } from '../../src/core/access/permissions'

export type Requirement =
  /** Anyone, signed in or not (sign-in, public links, the portal with its own session). */
  | { kind: 'public' }
  /** Anyone signed in: the route answers about the person themself or filters by their own scopes. */
  | { kind: 'signed-in' }
  /** Instance operators only (not a workspace role): every workspace person is refused. */
  | { kind: 'operator' }
  /** A permission on a resource at or above a scope; below it the route answers 403. */
  | { kind: 'permission'; resource: string; action: Action; min: Scope }
  /** A standard route of a collection (list, create, get, change, delete, restore, export, bulk change). */
  | { kind: 'collection'; collection: string; op: CollectionOp }
  /**
   * A route about one record of a collection (`/<collection>/{id}/…`): a record outside the person's read
   * scope is hidden (404); `action` is what the route does to it.
   */
  | { kind: 'record'; collection: string; action: Action; query?: string }

export type CollectionOp =
  'list' | 'create' | 'get' | 'update' | 'delete' | 'restore' | 'export' | 'bulk-update'

export type Classified = Requirement & {
  /** For GET routes with parameters other than a record id, and writes the matrix sends: a URL to call. */
  sample?: string
  /** For a write the matrix sends: a body that changes nothing (so an allowed call leaves no trace). */
  body?: unknown
  /** Why the route is not called by the matrix (its requirement is still declared). */
  notCalled?: string
}

const signedIn: Requirement = { kind: 'signed-in' }
const perm = (resource: string, action: Action, min: Scope = 'own'): Requirement => ({
  kind: 'permission',
  resource,
  action,
  min,
})
/** Workspace settings: changing them takes `workspace: update all` (administrators). */
const settings = perm('workspace', 'update', 'all')
const record = (collection: string, action: Action = 'read', query?: string): Requirement => ({
  kind: 'record',
  collection,
  action,
  ...(query ? { query } : {}),
})
const withSample = (r: Requirement, sample: string): Classified => ({ ...r, sample })
const notCalled = (r: Requirement, why: string): Classified => ({ ...r, notCalled: why })
const SIDE_EFFECT = 'sends mail, SMS or network requests, or changes sessions'
const BODY = 'needs a body made for it; its refusals are covered by its module tests'

/** Routes that are not a collection's standard ones, by `METHOD /path` as the OpenAPI document names them. */
export const declared: Record<string, Classified> = {
  'GET /api/v1/auth/me': signedIn,
  'GET /api/v1/auth/workspaces': signedIn,
  'POST /api/v1/auth/switch': notCalled(signedIn, SIDE_EFFECT),
  'POST /api/v1/auth/password': notCalled(signedIn, SIDE_EFFECT),
  'GET /api/v1/api-tokens': signedIn,
  'POST /api/v1/api-tokens': notCalled(signedIn, BODY),
  'DELETE /api/v1/api-tokens/{id}': notCalled(signedIn, 'a person revokes only their own tokens'),

  'GET /api/v1/objects': signedIn,
  'POST /api/v1/objects': notCalled(perm('field-definitions', 'create', 'all'), BODY),
  'GET /api/v1/objects/{key}': withSample(perm('accounts', 'read'), '/api/v1/objects/accounts'),
  'PATCH /api/v1/objects/{key}': notCalled(perm('field-definitions', 'update', 'all'), BODY),
  'DELETE /api/v1/objects/{key}': notCalled(perm('field-definitions', 'delete', 'all'), BODY),
  'GET /api/v1/objects/{key}/layout': withSample(perm('accounts', 'read'), '/api/v1/objects/accounts/layout'),
  'PUT /api/v1/objects/{key}/layout': notCalled(perm('field-definitions', 'update', 'all'), BODY),
  'DELETE /api/v1/objects/{key}/layout': notCalled(perm('field-definitions', 'update', 'all'), BODY),
  'GET /api/v1/objects/{key}/definition': withSample(
    perm('field-definitions', 'read'),
    '/api/v1/objects/accounts/definition',
  ),
  'POST /api/v1/object-definitions/import': notCalled(perm('field-definitions', 'create', 'all'), BODY),
  'GET /api/v1/field-definitions': perm('field-definitions', 'read'),
  'POST /api/v1/field-definitions': notCalled(perm('field-definitions', 'create', 'all'), BODY),
  'GET /api/v1/field-definitions/{id}': notCalled(perm('field-definitions', 'read'), 'no id to draw'),
  'PATCH /api/v1/field-definitions/{id}': notCalled(perm('field-definitions', 'update', 'all'), BODY),
  'DELETE /api/v1/field-definitions/{id}': notCalled(perm('field-definitions', 'delete', 'all'), BODY),
  'GET /api/v1/field-definitions/{id}/index': notCalled(perm('field-definitions', 'read'), 'no id to draw'),
  'POST /api/v1/field-definitions/{id}/restore': notCalled(perm('field-definitions', 'delete', 'all'), BODY),
  'GET /api/v1/roles/{id}/field-access': record('roles'),
  'PUT /api/v1/roles/{id}/field-access': {
    ...perm('roles', 'update', 'all'),
    sample: '/api/v1/roles/legal/field-access',
    body: { object: 'contracts', fields: {} },
  },
  'GET /api/v1/custom-objects': signedIn,
  'POST /api/v1/objects/{key}/restore': notCalled(perm('field-definitions', 'delete', 'all'), BODY),
  'GET /api/v1/objects/{key}/records': notCalled(
    perm('<object>', 'read'),
    'custom objects: custom-objects tests',
  ),
  'POST /api/v1/objects/{key}/records': notCalled(
    perm('<object>', 'create'),
    'custom objects: custom-objects tests',
  ),
  'GET /api/v1/objects/{key}/records/export': notCalled(perm('<object>', 'read'), 'custom objects'),
  'POST /api/v1/objects/{key}/records/bulk-update': notCalled(perm('<object>', 'update'), 'custom objects'),
  'GET /api/v1/objects/{key}/records/{id}': notCalled(perm('<object>', 'read'), 'custom objects'),
  'PATCH /api/v1/objects/{key}/records/{id}': notCalled(perm('<object>', 'update'), 'custom objects'),
  'DELETE /api/v1/objects/{key}/records/{id}': notCalled(perm('<object>', 'delete'), 'custom objects'),
  'POST /api/v1/objects/{key}/records/{id}/restore': notCalled(perm('<object>', 'delete'), 'custom objects'),

  'GET /api/v1/workspace': signedIn,
  'PATCH /api/v1/workspace': notCalled(settings, BODY),
  'GET /api/v1/workspace-templates': signedIn,
  'GET /api/v1/workspace-template': settings,
  'POST /api/v1/workspace-template/preview': notCalled(settings, BODY),
  'POST /api/v1/workspace-template/import': notCalled(settings, BODY),
  'GET /api/v1/operator/workspaces': { kind: 'operator' },
  'POST /api/v1/operator/workspaces': notCalled({ kind: 'operator' }, BODY),

  'GET /api/v1/accounts/duplicates': perm('accounts', 'read'),
  'GET /api/v1/contacts/duplicates': perm('contacts', 'read'),
  'GET /api/v1/leads/duplicates': perm('leads', 'read'),
  'POST /api/v1/accounts/{id}/merge': record('accounts', 'update'),
  'GET /api/v1/accounts/{id}/merges': record('accounts'),
  'POST /api/v1/marketing-touches/bulk': notCalled(perm('marketing-touches', 'create'), BODY),
  'GET /api/v1/accounts/{id}/360': record('accounts'),
  'GET /api/v1/accounts/{id}/timeline': record('accounts'),
  'GET /api/v1/accounts/{id}/decision-map': record('accounts'),
  'GET /api/v1/decision-map/gaps': perm('accounts', 'read'),
  'GET /api/v1/decision-map/playbook': signedIn,
  'PUT /api/v1/decision-map/playbook': notCalled(settings, BODY),
  'GET /api/v1/decision-map/gap-rules': signedIn,
  'PUT /api/v1/decision-map/gap-rules': notCalled(settings, BODY),
  'GET /api/v1/opportunities/{id}/decision-map': record('opportunities'),
  'PUT /api/v1/opportunities/{id}/committee': record('opportunities', 'update'),
  'POST /api/v1/contacts/{id}/reports-to': record('contacts', 'update'),
  'POST /api/v1/users/{id}/handover': notCalled(
    perm('users', 'update', 'all'),
    'or the person’s team manager',
  ),

  'GET /api/v1/reports/forecast': perm('opportunities', 'read'),
  'GET /api/v1/reports/funnel': perm('opportunities', 'read'),
  'GET /api/v1/reports/stage-durations': perm('opportunities', 'read'),
  'GET /api/v1/reports/win-loss': perm('opportunities', 'read'),
  'POST /api/v1/reports/run': notCalled(signedIn, BODY),
  'POST /api/v1/reports/drill': notCalled(signedIn, BODY),
  'GET /api/v1/reports/fields': withSample(
    perm('accounts', 'read'),
    '/api/v1/reports/fields?object=accounts',
  ),
  'POST /api/v1/reports/export': notCalled(signedIn, BODY),
  'GET /api/v1/reports/{id}/data': record('reports'),
  'GET /api/v1/metrics': signedIn,
  'GET /api/v1/metrics/{key}': notCalled(signedIn, 'metric keys: metrics tests'),
  'GET /api/v1/reports/views/{view}': notCalled(signedIn, 'view keys: dashboards tests'),
  'GET /api/v1/north-star': signedIn,
  'PUT /api/v1/north-star': notCalled(settings, BODY),
  'GET /api/v1/north-star/progress': signedIn,
  'GET /api/v1/reports/effort-costs': signedIn,
  'PUT /api/v1/reports/effort-costs': notCalled(settings, BODY),
  'GET /api/v1/dashboards/{id}/data': record('dashboards'),
  'POST /api/v1/dashboard-subscriptions/{id}/send': notCalled(
    record('dashboard-subscriptions', 'update'),
    SIDE_EFFECT,
  ),

  'POST /api/v1/leads/{id}/convert': record('leads', 'update'),
  'GET /api/v1/leads/{id}/convert-candidates': record('leads'),
  'POST /api/v1/leads/{id}/events': record('leads', 'update'),
  'GET /api/v1/leads/{id}/events': record('leads'),
  'GET /api/v1/lead-scoring': signedIn,
  'PUT /api/v1/lead-scoring': notCalled(settings, BODY),
  'GET /api/v1/lead-forms': settings,
  'POST /api/v1/lead-forms': notCalled(settings, BODY),
  'PATCH /api/v1/lead-forms/{id}': notCalled(settings, BODY),
  'DELETE /api/v1/lead-forms/{id}': notCalled(settings, BODY),
  'POST /api/v1/lead-forms/{id}/rotate': notCalled(settings, BODY),

  'GET /api/v1/notifications': signedIn,
  'GET /api/v1/notifications/unread-count': signedIn,
  'POST /api/v1/notifications/read-all': notCalled(signedIn, 'changes only the person’s own notifications'),
  'POST /api/v1/notifications/{id}/read': notCalled(signedIn, 'changes only the person’s own notifications'),
  'GET /api/v1/inbox': signedIn,
  'GET /api/v1/notification-settings': settings,
  'PUT /api/v1/notification-settings': notCalled(settings, BODY),
  'POST /api/v1/notification-settings/test-email': notCalled(settings, SIDE_EFFECT),
  'POST /api/v1/notification-settings/test-sms': notCalled(settings, SIDE_EFFECT),
  'GET /api/v1/me/notification-preferences': signedIn,
  'PUT /api/v1/me/notification-preferences': notCalled(signedIn, BODY),
  'POST /api/v1/webhooks/{id}/test': notCalled(record('webhooks', 'update'), SIDE_EFFECT),

  'POST /api/v1/imports': notCalled(perm('<object>', 'create'), BODY),
  'GET /api/v1/imports': signedIn,
  'GET /api/v1/imports/{id}': notCalled(signedIn, 'no import in the demo'),
  'POST /api/v1/imports/preview': notCalled(perm('<object>', 'create'), BODY),
  'GET /api/v1/imports/{id}/undo-preview': notCalled(signedIn, 'no import in the demo'),
  'POST /api/v1/imports/{id}/undo': notCalled(signedIn, 'no import in the demo'),

  'POST /api/v1/opportunities/{id}/stage': record('opportunities', 'update'),
  'POST /api/v1/opportunities/{id}/close': record('opportunities', 'update'),
  'GET /api/v1/opportunities/{id}/deliverables': record('opportunities'),
  'POST /api/v1/opportunities/{id}/deliverables': record('opportunities', 'update'),
  'DELETE /api/v1/opportunities/{id}/deliverables/{deliverableId}': notCalled(
    record('opportunities', 'update'),
    'needs a deliverable',
  ),
  'GET /api/v1/opportunities/{id}/stage-history': record('opportunities'),
  'POST /api/v1/files': notCalled(perm('opportunities', 'update'), 'multipart upload'),
  'GET /api/v1/files/{id}': notCalled(signedIn, 'no file in the demo'),
  'GET /api/v1/tickets/{id}/acknowledgement': record('tickets'),
  'GET /api/v1/tickets/{id}/messages': record('tickets'),
  'POST /api/v1/tickets/{id}/messages': record('tickets', 'update'),
  'GET /api/v1/audit-log': perm('audit-log', 'read', 'all'),
  'GET /api/v1/search': withSample(signedIn, '/api/v1/search?q=a'),

  'POST /api/v1/handoffs/{id}/submit': record('handoffs', 'update'),
  'POST /api/v1/handoffs/{id}/validate': record('handoffs', 'update'),
  'GET /api/v1/handoff-settings': signedIn,
  'PUT /api/v1/handoff-settings': notCalled(settings, BODY),

  'GET /api/v1/alerts/counts': perm('alerts', 'read'),
  'POST /api/v1/alerts/{id}/acknowledge': record('alerts', 'update'),
  'POST /api/v1/alerts/{id}/snooze': record('alerts', 'update'),
  'POST /api/v1/alerts/{id}/resolve': record('alerts', 'update'),
  'POST /api/v1/alerts/{id}/reopen': record('alerts', 'update'),
  'GET /api/v1/alert-settings': signedIn,
  'PUT /api/v1/alert-settings': notCalled(perm('alert-rules', 'update', 'all'), BODY),

  'GET /api/v1/renewals': perm('contracts', 'read'),
  'GET /api/v1/accounts/{id}/renewals': record('accounts'),
  'GET /api/v1/expansion-suggestions': perm('expansion-suggestions', 'read'),
  'POST /api/v1/expansion-suggestions/generate': notCalled(
    perm('workspace', 'update', 'all'),
    'queues a generation job; its refusal is covered by the expansion tests',
  ),
  'POST /api/v1/expansion-suggestions/{id}/accept': notCalled(
    record('expansion-suggestions', 'update'),
    'creates an opportunity; covered by the expansion tests',
  ),
  'POST /api/v1/expansion-suggestions/{id}/dismiss': notCalled(
    record('expansion-suggestions', 'update'),
    BODY,
  ),
  'GET /api/v1/insights/revenue-retention': withSample(
    perm('contracts', 'read'),
    '/api/v1/insights/revenue-retention?period=quarter&groupBy=tier',
  ),
  'GET /api/v1/insights/churn-model': perm('accounts', 'read'),
  // Reads only: the matrix sends a health comparison (renewal and retention also need contracts: read).
  'POST /api/v1/insights/cohorts': {
    ...perm('accounts', 'read'),
    body: { object: 'accounts', a: { filters: { tier: 'strategic' } }, metric: 'health' },
  },
  'POST /api/v1/insights/churn-model/train': notCalled(
    settings,
    'queues a training job; covered by the churn tests',
  ),
  'GET /api/v1/insights/churn-risk': perm('accounts', 'read'),
  'GET /api/v1/accounts/{id}/churn-risk': record('accounts'),
  'POST /api/v1/health-models/backtest': notCalled(perm('accounts', 'read'), BODY),
  'POST /api/v1/health-models/preview': notCalled(perm('accounts', 'read'), BODY),
  'POST /api/v1/health-models/{id}/backtest': record('health-models'),
  'POST /api/v1/accounts/{id}/metrics': record('accounts', 'update'),
  'POST /api/v1/usage-events': notCalled(perm('accounts', 'update'), BODY),
  'GET /api/v1/accounts/{id}/health': record('accounts'),
  'GET /api/v1/accounts/{id}/health/history': record('accounts'),
  'GET /api/v1/accounts/{id}/health/changes': record('accounts', 'read', '?since=2020-01-01'),
  'POST /api/v1/accounts/{id}/health/override': record('accounts', 'update'),
  'DELETE /api/v1/accounts/{id}/health/override': record('accounts', 'update'),
  'GET /api/v1/health/board': perm('accounts', 'read'),

  'GET /api/v1/accounts/{id}/icp-fits': record('accounts'),
  'PUT /api/v1/accounts/{id}/potential': record('accounts', 'update'),
  'GET /api/v1/accounts/{id}/potential': record('accounts'),
  'GET /api/v1/potential/ranking': perm('accounts', 'read'),
  'GET /api/v1/segments/settings': perm('segment-settings', 'read'),
  'PUT /api/v1/segments/settings': notCalled(perm('segment-settings', 'update', 'all'), BODY),
  'GET /api/v1/segments/matrix': perm('accounts', 'read'),
  'GET /api/v1/insights/clusters': perm('accounts', 'read'),
  'GET /api/v1/insights/clusters/lookalikes': perm('accounts', 'read'),
  'POST /api/v1/insights/clusters/run': notCalled(
    perm('accounts', 'read', 'all'),
    'queues a clustering job; its refusal is covered by the clusters tests',
  ),
  'GET /api/v1/accounts/{id}/segment': record('accounts'),
  'GET /api/v1/tier-rules': signedIn,
  'PUT /api/v1/tier-rules': notCalled(settings, BODY),
  'GET /api/v1/tiers/summary': perm('accounts', 'read'),
  'GET /api/v1/tier-changes': perm('accounts', 'read'),
  'GET /api/v1/accounts/{id}/tier': record('accounts'),
  'PUT /api/v1/accounts/{id}/tier/override': record('accounts', 'update'),
  'DELETE /api/v1/accounts/{id}/tier/override': record('accounts', 'update'),
  'PUT /api/v1/accounts/{id}/tier/industry-leader': record('accounts', 'update'),
  'GET /api/v1/business-calendar': signedIn,
  'PUT /api/v1/business-calendar': notCalled(settings, BODY),
  'GET /api/v1/business-calendar/presets/{key}': withSample(signedIn, '/api/v1/business-calendar/presets/cn'),

  'POST /api/v1/milestones/{id}/request-confirmation': notCalled(record('milestones', 'update'), SIDE_EFFECT),
  'GET /api/v1/accounts/{id}/lifecycle': record('accounts'),
  'GET /api/v1/accounts/{id}/value-report': record('accounts'),
  'POST /api/v1/surveys/{id}/send': notCalled(record('surveys', 'update'), SIDE_EFFECT),
  'GET /api/v1/surveys/{id}/invitations': record('surveys'),
  'GET /api/v1/nps': perm('survey-responses', 'read'),

  'GET /api/v1/rules/{id}/versions': record('rules'),
  'POST /api/v1/rules/dry-run': notCalled(perm('rules', 'read'), BODY),
  'GET /api/v1/rule-runs': perm('rules', 'read'),
  'GET /api/v1/rule-runs/{id}': notCalled(perm('rules', 'read'), 'no id to draw'),
  'POST /api/v1/playbooks/{id}/start': notCalled(record('playbooks'), BODY),

  'POST /api/v1/approval-flows/{id}/preview': notCalled(record('approval-flows'), BODY),
  'POST /api/v1/approvals': notCalled(perm('<object>', 'update'), BODY),
  'GET /api/v1/approvals': signedIn,
  'GET /api/v1/approvals/{id}': notCalled(signedIn, 'approvals: approver, requester or readers of all'),
  'POST /api/v1/approvals/{id}/decisions': notCalled(signedIn, 'the approver only: approvals tests'),
  'POST /api/v1/approvals/{id}/recall': notCalled(signedIn, 'the requester only: approvals tests'),
  'GET /api/v1/reports/approval-cycle-times': signedIn,
  'GET /api/v1/me/delegation': signedIn,
  'PUT /api/v1/me/delegation': notCalled(signedIn, BODY),
  'DELETE /api/v1/me/delegation': notCalled(signedIn, 'changes only the person’s own delegation'),
  'POST /api/v1/ticket-routing-rules/reorder': notCalled(perm('ticket-routing-rules', 'update', 'all'), BODY),

  'GET /api/v1/inbound-email/settings': settings,
  'POST /api/v1/inbound-email/settings/token': notCalled(settings, 'rotates the workspace’s intake address'),
  'GET /api/v1/inbound-email/log': settings,
  'GET /api/v1/ticket-queue': perm('tickets', 'read'),
  'GET /api/v1/integrations/finance': settings,
  'PUT /api/v1/integrations/finance': notCalled(settings, BODY),
  'POST /api/v1/integrations/finance/test': notCalled(settings, SIDE_EFFECT),
  'POST /api/v1/integrations/finance/pull': notCalled(settings, SIDE_EFFECT),
  'GET /api/v1/integrations/finance/sync-log': settings,
  'GET /api/v1/integrations/finance/syncs': settings,
  'POST /api/v1/integrations/finance/syncs/{contractId}/push': notCalled(settings, SIDE_EFFECT),
  'GET /api/v1/integrations/finance/reconciliation': settings,
  'POST /api/v1/jobs/run': notCalled(settings, 'runs background work'),
}

const STANDARD: [RegExp, string, CollectionOp][] = [
  [/^\/api\/v1\/([a-z-]+)$/, 'GET', 'list'],
  [/^\/api\/v1\/([a-z-]+)$/, 'POST', 'create'],
  [/^\/api\/v1\/([a-z-]+)\/export$/, 'GET', 'export'],
  [/^\/api\/v1\/([a-z-]+)\/bulk-update$/, 'POST', 'bulk-update'],
  [/^\/api\/v1\/([a-z-]+)\/\{id\}$/, 'GET', 'get'],
  [/^\/api\/v1\/([a-z-]+)\/\{id\}$/, 'PATCH', 'update'],
  [/^\/api\/v1\/([a-z-]+)\/\{id\}$/, 'DELETE', 'delete'],
  [/^\/api\/v1\/([a-z-]+)\/\{id\}\/restore$/, 'POST', 'restore'],
]

/**
 * The requirement of one operation: public when the document says so, a collection's standard route by its
 * path, anything else from `declared`; undefined when nobody declared it (the matrix fails on that).
 */
export function classify(
  method: string,
  path: string,
  isPublic: boolean,
  collections: ReadonlySet<string>,
): Classified | undefined {
  if (isPublic) return { kind: 'public' }
  const key = `${method} ${path}`
  if (declared[key]) return declared[key]
  for (const [re, m, op] of STANDARD) {
    const hit = method === m ? re.exec(path) : null
    if (hit && collections.has(hit[1]!)) return { kind: 'collection', collection: hit[1]!, op }
  }
  return undefined
}
