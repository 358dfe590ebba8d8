import { collectionResources, CustomRecordCreate, CustomRecordUpdate } from '@openkam/contract'
import type { z } from 'zod'

type Resource = { Create: z.ZodType; Update: z.ZodType }

const customRecord: Resource = { Create: CustomRecordCreate, Update: CustomRecordUpdate }

/**
 * The shared zod schemas the server validates with, per collection: forms check them before sending.
 * Any other key is a custom object's, whose records share one schema (their fields are checked by the API).
 */
export const resources: Record<string, Resource> = new Proxy(
  collectionResources as Record<string, Resource>,
  {
    get: (target, key) =>
      typeof key !== 'string' || key in target ? Reflect.get(target, key) : customRecord,
  },
)
