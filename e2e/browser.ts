import fs from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[]

/** Debian's Chromium driven by playwright-core; no browser is ever downloaded. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => fs.existsSync(p))
  if (!executablePath) {
    throw new Error(
      'The browser tests need Chromium: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).',
    )
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * Runs axe-core in the page (less the parts `opts.exclude` names) and returns the serious and critical
 * violations. A select's dropdown that is still closing (antd animates it for a moment after a choice) is
 * waited for first, so the page is judged as it rests, not mid-animation.
 */
export async function axeViolations(page: Page, opts: { exclude?: string[] } = {}) {
  await page
    .locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)',
    )
    .filter({ visible: true })
    .first()
    .waitFor({ state: 'hidden', timeout: 3000 })
    .catch(() => undefined)
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  // `exclude`: selectors of parts judged elsewhere (e.g. another feature's panel with its own check).
  const result = await page.evaluate(
    async (exclude) =>
      (window as unknown as { axe: { run(context?: unknown): Promise<any> } }).axe.run(
        exclude.length ? { exclude: exclude.map((s) => [s]) } : document,
      ),
    opts.exclude ?? [],
  )
  return (
    result.violations as {
      id: string
      impact: string
      help: string
      nodes: { target: string[]; html?: string; failureSummary?: string }[]
    }[]
  )
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n: any) => `${n.target.join(' ')}: ${n.failureSummary ?? ''} ${n.html ?? ''}`.slice(0, 300)).join(', ')})`,
    )
}
