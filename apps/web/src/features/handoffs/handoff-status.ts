import type { Handoff } from './handoffs.queries'

/** Where a handoff stands now, for tags and sorting: the step, and whether its deadline passed. */
export function handoffState(h: Pick<Handoff, 'status' | 'dueAt' | 'validationDueAt'>, now = Date.now()) {
  if (h.status === 'validated') return { step: 2, late: false }
  if (h.status === 'submitted')
    return { step: 1, late: !!h.validationDueAt && new Date(h.validationDueAt).getTime() < now }
  return { step: 0, late: !!h.dueAt && new Date(h.dueAt).getTime() < now }
}

/** Items done out of all. */
export const progressOf = (h: Pick<Handoff, 'checklist'>) => {
  const items = h.checklist ?? []
  return { done: items.filter((i) => i.done).length, total: items.length }
}
