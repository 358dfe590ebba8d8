import { AppError } from './errors'

/** Exit codes of the operator commands (docs/operations.md): 0 done, 1 failed, 2 invalid, 3 conflict, 4 not found. */
export const EXIT = { ok: 0, failed: 1, invalid: 2, conflict: 3, notFound: 4 } as const

/** The exit code for an error: an AppError's kind, anything else 1. */
export const exitCodeOf = (err: unknown): number =>
  err instanceof AppError
    ? err.kind === 'conflict'
      ? EXIT.conflict
      : err.kind === 'invalid'
        ? EXIT.invalid
        : err.kind === 'not_found'
          ? EXIT.notFound
          : EXIT.failed
    : EXIT.failed

/**
 * Runs a command: its AppError prints as its message on stderr (no stack trace) and sets the exit code.
 * @example process.exit(await runCommand(fail, () => backup(cfg, file, out)))
 */
export async function runCommand(fail: (line: string) => void, work: () => Promise<void>): Promise<number> {
  try {
    await work()
    return EXIT.ok
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    fail(err.message)
    return exitCodeOf(err)
  }
}
