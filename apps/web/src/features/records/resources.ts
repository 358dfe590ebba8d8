import {
  accountResource,
  activityResource,
  contactResource,
  contractResource,
  invoiceResource,
  leadResource,
  opportunityResource,
  orderResource,
  paymentResource,
  quoteResource,
  taskResource,
  ticketResource,
  touchResource,
} from '@openkam/contract'
import type { z } from 'zod'

type Resource = { Create: z.ZodType; Update: z.ZodType }

/** The shared zod schemas the server validates with, per collection: forms check them before sending. */
export const resources: Record<string, Resource> = {
  accounts: accountResource,
  contacts: contactResource,
  leads: leadResource,
  opportunities: opportunityResource,
  activities: activityResource,
  quotes: quoteResource,
  orders: orderResource,
  contracts: contractResource,
  invoices: invoiceResource,
  payments: paymentResource,
  tickets: ticketResource,
  tasks: taskResource,
  'marketing-touches': touchResource,
}
