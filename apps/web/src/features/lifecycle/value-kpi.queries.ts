import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ValueKpi } from '@openkam/contract'
import { del, get, patch, post } from '../../shared/api/client'

export type { ValueKpi }
export type KpiInput = {
  name: string
  unit?: string | null
  before: number
  after: number
  betterWhen: 'higher' | 'lower'
  measuredOn?: string | null
  note?: string | null
}

/** Create, change or remove one of the customer's before/after KPIs; the value report reloads after. */
export function useSaveKpi(accountId: string) {
  const qc = useQueryClient()
  const refresh = () => void qc.invalidateQueries({ queryKey: ['value-report', accountId] })
  return {
    save: useMutation({
      mutationFn: async (v: KpiInput & { id?: string }) => {
        const { id, ...body } = v
        if (!id) return post<ValueKpi>('/value-kpis', { accountId, ...body })
        const cur = await get<ValueKpi>(`/value-kpis/${id}`)
        return patch<ValueKpi>(`/value-kpis/${id}`, { version: cur.version, ...body })
      },
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => del(`/value-kpis/${id}`), onSuccess: refresh }),
  }
}
