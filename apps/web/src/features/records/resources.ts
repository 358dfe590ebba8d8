import { collectionResources } from '@openkam/contract'
import type { z } from 'zod'

type Resource = { Create: z.ZodType; Update: z.ZodType }

/** The shared zod schemas the server validates with, per collection: forms check them before sending. */
export const resources: Record<string, Resource> = collectionResources
