import type { ValueKpi } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'value_kpi.created': { record: ValueKpi }
    'value_kpi.updated': { record: ValueKpi; changed: string[]; before: Partial<ValueKpi> }
    'value_kpi.deleted': { record: ValueKpi }
    'value_kpi.restored': { record: ValueKpi }
  }
}

export {}
