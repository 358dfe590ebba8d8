import type { Account } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'account.created': { record: Account }
    'account.updated': { record: Account; changed: string[]; before: Partial<Account> }
    'account.deleted': { record: Account }
    'account.restored': { record: Account }
    /** `mergedId` was merged into the account (`entityId`, the survivor); `moved` counts rows per kind. */
    'account.merged': {
      survivorId: string
      mergedId: string
      fields: string[]
      moved: Record<string, number>
    }
  }
}

export {}
