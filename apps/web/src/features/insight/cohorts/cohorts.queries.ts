import { useMutation } from '@tanstack/react-query'
import type { CohortMetric, CohortRequest, CohortResult } from '@openkam/contract'
import { cohortMetrics } from '@openkam/contract'
import { post } from '../../../shared/api/client'

export type { CohortMetric, CohortRequest, CohortResult }
export { cohortMetrics }

/** Compares two groups (POST /insights/cohorts); a read, run when the person asks. */
export const useCompareCohorts = () =>
  useMutation({ mutationFn: (req: CohortRequest) => post<CohortResult>('/insights/cohorts', req) })

/** A figure's value for people: rates and retention in percent, health as a score. */
export const isShare = (m: CohortMetric) => m !== 'health'
