/**
 * Delay before the next attempt after `attempts` failed ones: base, 2 × base, 4 × base, …
 * @example retryDelaySeconds(30, 3) // 120
 */
export const retryDelaySeconds = (baseSeconds: number, attempts: number) => baseSeconds * 2 ** (attempts - 1)

/** What a failed attempt leads to: another try after a delay, or the end (failed). */
export function afterFailure(attempts: number, maxAttempts: number, baseSeconds: number) {
  return attempts < maxAttempts
    ? { status: 'retrying' as const, delaySeconds: retryDelaySeconds(baseSeconds, attempts) }
    : { status: 'failed' as const, delaySeconds: null }
}
