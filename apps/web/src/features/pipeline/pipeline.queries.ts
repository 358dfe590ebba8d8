import { useQuery } from '@tanstack/react-query'
import type {
  Deliverable,
  DeliverableCreate,
  DeliverableList,
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  StoredFile,
} from '@openkam/contract'
import { ApiError, appHeaders, get, patch, post, type Page } from '../../shared/api/client'
import type { Me } from '../../app/auth'
import type { Opportunity } from '../reports/data'

export type { Deliverable, DeliverableList, Pipeline, StoredFile }
export type Waiver = { deliverable: string; reason: string }

export const pipelineKeys = {
  all: ['pipelines'] as const,
  list: ['pipelines', 'list'] as const,
  deliverables: (opportunityId: string) => ['opportunities', 'deliverables', opportunityId] as const,
}

/** Every pipeline of the workspace (few), default first. */
export function usePipelines() {
  return useQuery({
    queryKey: pipelineKeys.list,
    queryFn: async () => {
      const res = await get<Page<Pipeline>>('/pipelines', { limit: 100, sort: 'name' })
      return [...res.data].sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
    },
    staleTime: 60_000,
  })
}

/** The pipeline an opportunity follows: its own, else the workspace default. */
export const pipelineFor = (pipelines: Pipeline[] | undefined, pipelineId: string | null | undefined) =>
  pipelines?.find((p) => p.id === pipelineId) ?? pipelines?.find((p) => p.isDefault) ?? pipelines?.[0]

export function useDeliverables(opportunityId: string | undefined) {
  return useQuery({
    queryKey: pipelineKeys.deliverables(opportunityId ?? ''),
    queryFn: () => get<DeliverableList>(`/opportunities/${opportunityId}/deliverables`),
    enabled: !!opportunityId,
  })
}

/** Moves a deal through the stage gate; a refusal is an ApiError (422 `stage_gate` with `missing`). */
export const moveStage = (id: string, stage: string, waivers?: Waiver[]) =>
  post<Opportunity>(`/opportunities/${id}/stage`, { stage, ...(waivers?.length ? { waivers } : {}) })

export const closeOpportunity = (
  id: string,
  body: { outcome: 'won' | 'lost'; reason: string; note?: string },
) => post<Opportunity>(`/opportunities/${id}/close`, body)

export const attachDeliverable = (id: string, body: DeliverableCreate) =>
  post<Deliverable>(`/opportunities/${id}/deliverables`, body)

export const savePipeline = (id: string | null, body: PipelineCreate | PipelineUpdate) =>
  id ? patch<Pipeline>(`/pipelines/${id}`, body) : post<Pipeline>('/pipelines', body)

/** Uploads a file (multipart, part "file"); too large (413) or another type (415) are ApiErrors. */
export async function uploadFile(file: File): Promise<StoredFile> {
  const form = new FormData()
  form.append('file', file, file.name)
  const res = await fetch('/api/v1/files', {
    method: 'POST',
    credentials: 'same-origin',
    body: form,
    headers: appHeaders(),
  })
  const text = await res.text()
  const data = text ? JSON.parse(text) : null
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.code ?? 'error',
      data?.detail ?? res.statusText,
      data?.errors ?? [],
      data ?? {},
    )
  return data as StoredFile
}

/** Whether the signed-in person may waive the deliverables of a stage. */
export const mayWaive = (me: Me | null, waiverRoles: string[]) =>
  !!me && me.roles.some((r) => waiverRoles.includes(r))

/**
 * The required deliverables still missing for a forward move, as the server's gate will judge it (the
 * stages the move leaves: the current one and any skipped), so the board asks for them before moving.
 */
export function missingBefore(list: DeliverableList, from: string, to: string): string[] {
  const keys = list.stages.map((s) => s.stage as string)
  const i = keys.indexOf(from)
  const j = keys.indexOf(to)
  if (i < 0 || j <= i) return []
  return list.stages
    .slice(i, j)
    .flatMap((s) => s.required.filter((d) => d.status === 'missing').map((d) => d.key))
}
