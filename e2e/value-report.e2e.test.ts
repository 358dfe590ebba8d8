import { describe, expect, it } from 'vitest'
import { axeViolations } from './browser'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('Value report with figures (issue 23, point 5)', () => {
  it('shows measured outcomes, takes a customer KPI through its form, prints as an A4 PDF and switches language', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    // The demo's account whose customer entered KPIs (and whose usage and tickets were seeded to show change).
    const kpiList = await ctx.request.get(`${base}/api/v1/value-kpis?limit=1`)
    expect(kpiList.status()).toBe(200)
    const account = { id: ((await kpiList.json()).data as { accountId: string }[])[0]!.accountId }
    await page.goto(`${base}/accounts/${account.id}/value-report`)
    const outcomes = page.locator('section.outcomes')
    await outcomes.getByRole('heading', { name: 'Measured outcomes' }).waitFor({ timeout: 30_000 })

    // The measured figures: product use grew, tickets were resolved faster — each with its signed change.
    const usage = outcomes.locator('tr[data-row-key="usageEvents"]')
    expect(await usage.innerText()).toContain('Product use')
    expect(await usage.innerText()).toMatch(/\+\d[\d.,]*%\s*\(better\)/)
    const median = outcomes.getByRole('row', { name: /Median hours to resolve/ })
    expect(await median.innerText()).toMatch(/−\d[\d.,]*%\s*\(better\)/)
    // The customer's own KPIs, as the demo's customer entered them: cost per order 128 → 96 is −25%.
    const kpis = outcomes.locator('table').nth(1)
    expect(await kpis.getByRole('row', { name: /单位订单处理成本/ }).innerText()).toMatch(/−25%\s*\(better\)/)

    // A KPI through the form: refused while empty, then saved and shown with its change.
    await outcomes.getByRole('button', { name: 'Add a KPI' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.getByText('Required').count()).toBeGreaterThanOrEqual(3)
    await dialog.getByLabel('KPI').fill('Days to onboard a new plant')
    await dialog.getByLabel('Unit').fill('days')
    await dialog.getByLabel('Before').fill('30')
    await dialog.getByLabel('Now').fill('12')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByText('KPI saved').waitFor()
    const added = kpis.getByRole('row', { name: /Days to onboard a new plant/ })
    await expect.poll(() => added.innerText()).toMatch(/30\s+days[\s\S]*12\s+days[\s\S]*−60%\s*\(better\)/)
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'value-report-en')

    // Printed: the controls stay off the paper, and Chromium's own PDF of the page is A4.
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.page-header').isVisible()).toBe(false)
    expect(await outcomes.getByRole('button', { name: 'Add a KPI' }).isVisible()).toBe(false)
    expect(await added.getByRole('button', { name: 'Edit' }).isVisible()).toBe(false)
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length).toBeGreaterThanOrEqual(1)
    expect(pages.length).toBeLessThanOrEqual(4)
    // A4 is 595 × 842 points.
    const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/)!
    expect(Math.round(Number(box[1]))).toBeGreaterThanOrEqual(594)
    expect(Math.round(Number(box[1]))).toBeLessThanOrEqual(596)
    expect(Math.round(Number(box[2]))).toBeGreaterThanOrEqual(841)
    expect(Math.round(Number(box[2]))).toBeLessThanOrEqual(843)
    await page.emulateMedia({ media: 'screen' })

    // The report's language is chosen beside the print button; the KPI is removed again after a confirmation.
    await page.getByLabel('Report language').click()
    await page.locator('.ant-select-item-option', { hasText: '中文' }).click()
    await outcomes.getByRole('heading', { name: '量化成果' }).waitFor()
    expect(await usage.innerText()).toContain('改善')
    await added.getByRole('button', { name: '删除' }).click()
    await page.getByRole('button', { name: /确\s*定|OK/ }).click()
    await page.getByText('KPI 已删除').waitFor()
    await expect.poll(() => added.count()).toBe(0)
    await shot(page, 'value-report-zh')
    await ctx.close()
  }, 120_000)
})
