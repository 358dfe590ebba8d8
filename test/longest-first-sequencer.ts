import path from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * What a file takes when this machine has not run it yet (CI's clean clone has no vitest cache): the page
 * walks and the long journey file take minutes, a browser file one or two, an API file tens of seconds on
 * PGlite and fewer on PostgreSQL, a unit file next to nothing. Only the order depends on these numbers.
 */
const FIRST_RUN_ESTIMATE_MS: [RegExp, number][] = [
  [/^e2e:e2e\/(page-walk-|journeys\.)/, 300_000],
  [/^e2e:/, 90_000],
  [/^api-pglite:/, 30_000],
  [/^api-postgres:/, 15_000],
]

/**
 * Longest files first, across all projects. Vitest's own order runs the projects one after another (by
 * name: the API files, then the browser files, the unit files last) and, without its cache, the larger
 * files of a project first — so a clean CI run started the two page walks, five-minute files of six lines,
 * among the last, and one worker could sit idle while the other finished them. Longest first keeps both
 * workers busy to the end: the last files to start are the short ones. A file's duration from the cache
 * (`node_modules/.vite/vitest`) is used when there is one, the estimate above otherwise.
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root
    const estimate = (f: TestSpecification) => {
      const key = `${f.project.name}:${path.relative(root, f.moduleId).split(path.sep).join('/')}`
      const cached = this.ctx.cache.getFileTestResults(key)?.duration
      // Between files of the same estimate, the larger first (vitest's own rule without a cache).
      const size = this.ctx.cache.getFileStats(key)?.size ?? 0
      return { ms: cached || (FIRST_RUN_ESTIMATE_MS.find(([re]) => re.test(key))?.[1] ?? 1_000), size }
    }
    return files
      .map((f) => ({ f, ...estimate(f) }))
      .sort((a, b) => b.ms - a.ms || b.size - a.size)
      .map(({ f }) => f)
  }
}
