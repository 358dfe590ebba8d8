/**
 * The service levels' clock. Tests set it (`setSlaClock`) so that due times, pauses and the sweep are
 * exact without waiting; everything else reads `slaNow()`.
 */
let clock: () => Date = () => new Date()

export const slaNow = () => clock()

/** Replaces the clock (tests); `setSlaClock(null)` restores the real one. */
export function setSlaClock(next: (() => Date) | null) {
  clock = next ?? (() => new Date())
}
