import type { opportunityStages } from '@openkam/contract'
import type { Executor } from '../../core/db/types'

export type Stage = (typeof opportunityStages)[number]

/** What this module needs to know of a pipeline: its stages in order, with their probabilities. */
export type PipelineStages = { id: string | null; stages: { key: Stage; probability: number }[] }

/**
 * The pipelines module depends on this one (it moves opportunities through the collection), so this
 * module cannot import it back. Instead the pipelines module provides the lookup here when it loads
 * (`providePipelines`); until then every opportunity follows the five SOP stages in order.
 */
export type PipelinePort = {
  /** The stages of a pipeline (null: the workspace default); null when no such pipeline exists. */
  stagesOf(tx: Executor, ws: string, pipelineId: string | null): Promise<PipelineStages | null>
}

const sop: PipelineStages = {
  id: null,
  stages: [
    { key: 'discovery', probability: 10 },
    { key: 'solution', probability: 30 },
    { key: 'negotiation', probability: 60 },
    { key: 'implementation', probability: 80 },
    { key: 'account_management', probability: 100 },
  ],
}

let port: PipelinePort = { stagesOf: async (_tx, _ws, id) => (id ? null : sop) }

export function providePipelines(p: PipelinePort) {
  port = p
}

export const pipelineStagesOf = (tx: Executor, ws: string, pipelineId: string | null) =>
  port.stagesOf(tx, ws, pipelineId)
