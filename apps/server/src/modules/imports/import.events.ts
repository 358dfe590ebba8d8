import type { ImportObject } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    /** One event per import that wrote rows (not one per row): handlers that care re-read the records. */
    'import.completed': {
      importId: string
      object: ImportObject
      fileName: string
      created: number
      /** Existing records the import changed (onDuplicate `update`). */
      updated: number
      skippedDuplicates: number
      failed: number
    }
  }
}

export {}
