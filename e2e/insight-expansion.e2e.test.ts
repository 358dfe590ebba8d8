import { describe, expect, it } from 'vitest'
import { axeViolations } from './browser'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('Insight → Expansion (issue 23, point 4)', () => {
  it('shows the demo’s clusters, and the churn-risk list with each account’s drivers', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/insight`)
    // The demo is clustered at seeding: its best cluster is marked, with its description.
    await expect
      .poll(() => page.getByText('Best cluster', { exact: false }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await page.getByRole('tab', { name: 'Churn risk' }).click()
    await expect
      .poll(() => page.getByTestId('churn-model-status').innerText(), { timeout: 30_000 })
      .toMatch(/trained/i)
    const auc = Number((await page.getByTestId('churn-auc').innerText()).match(/0\.\d+|1(\.0+)?/)![0])
    expect(auc).toBeGreaterThanOrEqual(0.8)
    const list = page.getByTestId('churn-list')
    await expect
      .poll(() => list.locator('a[href^="/accounts/"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(5)
    expect(await list.getByTestId('churn-driver').count()).toBeGreaterThan(5)
    await shot(page, 'insight-churn-list')
    await ctx.close()
  })

  it('accepts an upsell suggestion and finds the new opportunity on the pipeline board', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/insight?tab=expansion`)
    const panel = page.getByTestId('expansion-panel')
    const upsell = panel.locator('[data-testid^="suggestion-"]').filter({ hasText: 'Upsell' }).first()
    await upsell.waitFor({ timeout: 30_000 })
    expect((await upsell.innerText()).length).toBeGreaterThan(40)
    await upsell.getByRole('button', { name: 'Accept' }).click()
    const done = page.getByTestId('accepted-message')
    await done.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await shot(page, 'insight-expansion-accept-failed')
      throw new Error(
        `${e}\n${
          (await page
            .locator('.ant-message')
            .innerText()
            .catch(() => '')) || 'no message'
        }`,
      )
    })
    const href = await done.locator('a[href^="/opportunities/"]').getAttribute('href')
    const oppId = href!.split('/').pop()!
    await page.getByTestId('accepted-board-link').click()
    await page.getByTestId(`board-card-${oppId}`).waitFor({ timeout: 30_000 })
    await shot(page, 'insight-expansion-board')
    await ctx.close()
  })

  for (const [locale, w] of [
    ['en-US', { retention: 'Revenue retention', dismiss: 'Dismiss', required: 'Say why' }],
    ['zh-CN', { retention: '收入留存', dismiss: '忽 略', required: '请说明' }],
  ] as const) {
    it(`shows suggestions and retention, and dismissing asks why, on a phone (${locale})`, async () => {
      const { ctx, page } = await signedIn('admin@demo.openkam.local', {
        locale,
        viewport: { width: 390, height: 844 },
      })
      await page.goto(`${base}/insight?tab=expansion`)
      const first = page.locator('[data-testid^="suggestion-"]').first()
      await first.waitFor({ timeout: 30_000 })
      await expect.poll(() => page.getByTestId('retention-card').innerText()).toContain(w.retention)
      await expect
        .poll(() => page.getByTestId('retention-card').locator('tbody tr').count())
        .toBeGreaterThan(0)
      await first.getByRole('button', { name: w.dismiss }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('button', { name: w.dismiss }).click()
      await expect.poll(() => dialog.innerText()).toContain(w.required)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      expect(await axeViolations(page)).toEqual([])
      await shot(page, `insight-expansion-${locale}-390`)
      await ctx.close()
    })
  }
})
