import { describe, expect, it } from 'vitest'
// @ts-expect-error plain JS build script
import { INITIAL_JS_BUDGET_KB, initialJsGzipKb } from '../apps/web/scripts/build.js'

// The web app was built by e2e/global-setup.ts; DESIGN's budget: initial JS under 600 KB gzip.
describe('the web bundle', () => {
  it('loads at most the budget of compressed JavaScript on a first visit, one language included', () => {
    const { files, kb } = initialJsGzipKb() as { files: number; kb: number }
    expect(files).toBeGreaterThan(1)
    expect(kb).toBeGreaterThan(100)
    expect(kb).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB)
  })
})
