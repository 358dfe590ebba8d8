import type { Lang } from './demo-random'

declare module '../core/events/types' {
  interface EventMap {
    'demo.seeded': { lang: Lang; counts: Record<string, number> }
  }
}

export {}
