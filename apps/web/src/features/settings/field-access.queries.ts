import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query'
import { api, get } from '../../shared/api/client'
import { fieldKeys } from '../fields'

export type Access = 'hidden' | 'read' | 'edit'
/** Per object, the fields a role may not edit: `hidden` or `read` (a field not listed is editable). */
export type RoleFieldAccess = {
  role: string
  version: number
  objects: Record<string, Record<string, 'hidden' | 'read'>>
}

export const fieldAccessKeys = {
  all: ['field-access'] as const,
  role: (role: string) => ['field-access', role] as const,
}

/** Every role's field access (to show, for a field, which roles restrict it). */
export function useFieldAccessOfRoles(roles: string[]) {
  return useQueries({
    queries: roles.map((role) => ({
      queryKey: fieldAccessKeys.role(role),
      queryFn: () => get<RoleFieldAccess>(`/roles/${role}/field-access`),
    })),
  })
}

/** Replaces one object's entries of a role; lists, forms and object descriptions reload. */
export function useSaveFieldAccess() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { role: string; object: string; fields: Record<string, Access> }) =>
      api<RoleFieldAccess>('PUT', `/roles/${v.role}/field-access`, { object: v.object, fields: v.fields }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: fieldAccessKeys.all }),
        qc.invalidateQueries({ queryKey: fieldKeys.objects }),
        qc.invalidateQueries({ queryKey: ['layouts'] }),
      ]),
  })
}
