/**
 * Whether the person asked their system for less motion (`prefers-reduced-motion: reduce`). The app then
 * turns antd's motion off and zooms, fits and pans without animating.
 * @example const animationTime = reducedMotion() ? 0 : 200
 */
export const reducedMotion = (): boolean =>
  typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches

/** An animation's duration (ms), or 0 when the person asked for less motion. */
export const motionMs = (ms: number): number => (reducedMotion() ? 0 : ms)
