/**
 * The value lists of the records' enums (industries, stages, statuses…) as plain data, apart from their
 * zod schemas (records.ts): the web reads them on pages that load no schema, and so no zod.
 */

export const industries = [
  'manufacturing',
  'finance',
  'retail',
  'healthcare',
  'education',
  'saas',
  'logistics',
  'energy',
  'government',
  'other',
] as const
export const sizeBands = ['large', 'growth', 'small'] as const
export const tiers = ['strategic', 'growth', 'essential'] as const
export const lifecycleStages = [
  'lead_nurturing',
  'opportunity',
  'delivery',
  'value_operations',
  'renewal',
] as const
export const marketScopes = ['local', 'regional', 'national', 'international'] as const
export const levels3 = ['low', 'medium', 'high'] as const
export const financialHealths = ['weak', 'fair', 'strong'] as const
export const demandMaturities = ['awareness', 'evaluation', 'decision', 'retention'] as const
export const buyingRoles = [
  'user',
  'technical_evaluator',
  'influencer',
  'financial_controller',
  'economic_buyer',
] as const
export const stances = ['champion', 'supporter', 'neutral', 'skeptic', 'blocker'] as const
export const leadSources = ['website', 'ads', 'event', 'referral', 'import', 'partner', 'other'] as const
export const leadStatuses = ['new', 'working', 'qualified', 'converted', 'disqualified'] as const
export const opportunityStages = [
  'discovery',
  'solution',
  'negotiation',
  'implementation',
  'account_management',
] as const
export const opportunityStatuses = ['open', 'won', 'lost'] as const
export const opportunityTypes = ['new_business', 'upsell', 'cross_sell', 'renewal'] as const
export const activityKinds = ['call', 'email', 'meeting', 'visit', 'enquiry', 'note'] as const
export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const
export const orderStatuses = ['pending', 'confirmed', 'fulfilled', 'cancelled'] as const
export const contractStatuses = ['draft', 'pending_approval', 'approved', 'active', 'ended'] as const
export const invoiceStatuses = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void'] as const
export const paymentStatuses = ['pending', 'paid', 'overdue', 'failed', 'refunded'] as const
export const ticketTypes = ['question', 'incident', 'problem', 'feature_request', 'complaint'] as const
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const
export const ticketStatuses = ['new', 'open', 'pending', 'resolved', 'closed'] as const
/** Where a ticket stands against its tier's service levels: `paused` while it waits on the customer. */
export const slaStatuses = ['ok', 'at_risk', 'breached', 'paused'] as const
export const taskStatuses = ['open', 'done', 'cancelled'] as const
export const taskSources = ['manual', 'rule', 'playbook', 'sop'] as const
export const touchKinds = [
  'event_attended',
  'email_clicked',
  'email_opened',
  'page_visited',
  'form_submitted',
  'webinar_attended',
] as const
export const timelineKindValues = [
  'activity',
  'ticket',
  'opportunity',
  'quote',
  'order',
  'contract',
  'invoice',
  'payment',
  'marketing',
  'task',
  /** A record of a custom object related to the account (refType: the object's key). */
  'custom',
] as const
