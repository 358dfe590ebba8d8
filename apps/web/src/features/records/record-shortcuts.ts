import { useNavigate } from 'react-router'
import { neighbourOf, useShortcut } from '../../shared/ui/shortcuts'
import { recordPathOf } from './paths'

/**
 * A record page's keys: J / K open the next and previous record of the list the person came from, E
 * edits (when `edit` is given). The generic record page and the account's 360° page share them.
 */
export function useRecordShortcuts(collection: string, id: string, edit?: () => void) {
  const navigate = useNavigate()
  const step = (by: 1 | -1) => {
    const next = neighbourOf(collection, id, by)
    if (next) navigate(recordPathOf(collection, next))
  }
  useShortcut('j', () => step(1))
  useShortcut('k', () => step(-1))
  useShortcut('e', () => edit?.(), !!edit)
}
