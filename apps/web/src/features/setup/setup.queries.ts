import { useQuery } from '@tanstack/react-query'
import { get } from '../../shared/api/client'

export type SetupStatus = { needed: boolean; demo: boolean }

/** Whether the installation needs its first workspace, and whether the demo workspace exists. */
export const useSetupStatus = () =>
  useQuery({
    queryKey: ['setup'],
    queryFn: () => get<SetupStatus>('/setup'),
    staleTime: 60_000,
    retry: false,
  })
