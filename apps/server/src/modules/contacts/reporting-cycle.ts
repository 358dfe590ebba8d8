import { AppError } from '../../core/errors'

/**
 * The refusal of a reporting loop (422 `reporting_cycle`), naming the chain it would close: `chain` holds
 * the contact ids from the contact re-parented up to it again, `names` their names.
 * @example reportingCycleError([a, c, b, a], names) // "This would make a reporting loop: Alice → Carol → Bob → Alice…"
 */
export function reportingCycleError(chain: string[], names: Map<string, string>) {
  const text = chain.map((id) => names.get(id) ?? id).join(' → ')
  const message =
    chain.length === 2
      ? `A contact cannot report to themself (${text})`
      : `This would make a reporting loop: ${text}. Choose someone who is not below this contact.`
  return new AppError('unprocessable', 'reporting_cycle', message, {
    chain,
    errors: [{ path: 'reportsToId', message }],
  })
}
