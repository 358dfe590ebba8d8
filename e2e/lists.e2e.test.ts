import fs from 'node:fs'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

/** The headers of the list's columns as shown (the selection column left out). */
const headers = (page: Page) =>
  page
    .locator('.ant-table-thead th:not(.ant-table-selection-column)')
    .evaluateAll((ths) => ths.map((th) => (th as HTMLElement).innerText.trim()).filter(Boolean))

/** The cells of one column of the list, by its header. */
async function column(page: Page, header: string) {
  const at = (await headers(page)).indexOf(header)
  return page
    .locator('.ant-table-tbody tr.ant-table-row')
    .evaluateAll(
      (rows, i) =>
        rows.map((r) =>
          (r.querySelectorAll('td:not(.ant-table-selection-column)')[i] as HTMLElement).innerText.trim(),
        ),
      at,
    )
}

/** Picks an option of an antd select by typing its label. */
async function pick(page: Page, id: string, label: string) {
  await page.locator(`#${id}`).click()
  await page.locator(`#${id}`).fill(label)
  // The option named exactly `label` (another field's name may contain it).
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click()
  await expect
    .poll(() =>
      page.locator(`#${id}`).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').innerText(),
    )
    .toContain(label)
}

describe('record lists', () => {
  it('exports the accounts list as shown: its columns in Chinese, owners as names', async () => {
    const { ctx, page } = await signedIn('zhou.min@demo.openkam.local', { locale: 'zh-CN', downloads: true })
    await page.goto(`${base}/accounts`)
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
    const shown = await headers(page)
    expect(shown).toContain('负责人')
    await page.getByRole('button', { name: /导出/ }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV', exact: true }).click(),
    ])
    const text = fs.readFileSync((await download.path())!, 'utf8')
    const [head, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    expect(head).toEqual(shown)
    const owner = head!.indexOf('负责人')
    const names = await column(page, '负责人')
    expect(rows.slice(0, names.length).map((r) => r[owner])).toEqual(names.map((n) => (n === '—' ? '' : n)))
    expect(text).not.toMatch(UUID)
    await ctx.close()
  }, 120_000)

  it('edits a field of two accounts at once and undoes it', async () => {
    const { ctx, page } = await signedIn('zhou.min@demo.openkam.local', { locale: 'zh-CN' })
    await page.goto(`${base}/accounts?sort=name`)
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
    const before = (await column(page, '区域')).slice(0, 3)
    const boxes = page.locator('.ant-table-tbody tr.ant-table-row .ant-checkbox-input')
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await page.getByRole('button', { name: '编辑字段' }).click()
    await pick(page, 'bulk-field', '区域')
    const value = page.locator('#bulk-value')
    const isSelect = await value.evaluate((el) => !!el.closest('.ant-select'))
    let region: string
    if (isSelect) {
      await value.click()
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').last()
      region = (await option.innerText()).trim()
      await option.click()
    } else {
      region = '测试区域'
      await value.fill(region)
    }
    await shot(page, 'lists-bulk-edit')
    await page.getByRole('button', { name: '应用到 2 条' }).click()
    await page.getByText('已修改 2 条记录的区域').waitFor()
    await expect
      .poll(async () => (await column(page, '区域')).slice(0, 3))
      .toEqual([region, region, before[2]])
    await page.getByRole('button', { name: '撤销' }).click()
    await page.getByText('已撤销修改').waitFor()
    await expect.poll(async () => (await column(page, '区域')).slice(0, 3)).toEqual(before)
    await ctx.close()
  }, 120_000)

  it('saves a view shared with the workspace that another person then picks', async () => {
    const manager = await signedIn('zhou.min@demo.openkam.local', { locale: 'zh-CN' })
    const root = base
    await manager.page.goto(`${root}/accounts?industry=energy&sort=name`)
    await manager.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
    await manager.page.getByRole('button', { name: '视图' }).click()
    await manager.page.getByRole('menuitem', { name: '保存视图…' }).click()
    await manager.page.getByLabel('视图名称').fill('能源客户（全员）')
    await manager.page.getByLabel('工作区所有人').check()
    await shot(manager.page, 'lists-save-view')
    await manager.page.getByRole('button', { name: /保\s*存/ }).click()
    await manager.page.getByText('视图“能源客户（全员）”已保存').waitFor()
    await manager.ctx.close()

    const sales = await signedIn('chen.jie@demo.openkam.local', { locale: 'zh-CN' })
    await sales.page.goto(`${root}/accounts`)
    await sales.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
    await sales.page.getByRole('button', { name: '视图' }).click()
    await sales.page.getByText('共享给我的').waitFor()
    // The demo's own shared view is there too.
    await sales.page.getByRole('menuitem', { name: '战略客户（全员）' }).waitFor()
    await sales.page.getByRole('menuitem', { name: '能源客户（全员）' }).click()
    await expect.poll(() => new URL(sales.page.url()).searchParams.get('industry')).toBe('energy')
    await sales.page.getByRole('button', { name: '视图：能源客户（全员）' }).waitFor()
    const industries = await column(sales.page, '行业')
    expect(new Set(industries)).toEqual(new Set(['能源']))
    await shot(sales.page, 'lists-shared-view')
    await sales.ctx.close()
  }, 120_000)

  it('names the person in the ticket list’s assignee filter, never their id', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local', { locale: 'zh-CN' })
    const assignee = await page.evaluate(async () => {
      const tickets = (await fetch('/api/v1/tickets?limit=200').then((r) => r.json())).data as {
        assigneeId: string | null
      }[]
      const id = tickets.find((x) => x.assigneeId)!.assigneeId!
      const user = await fetch(`/api/v1/users/${id}`).then((r) => r.json())
      return { id, name: user.name as string }
    })
    // The filter's control, by its name.
    const filter = page
      .locator('.toolbar .ant-select')
      .filter({ has: page.getByRole('combobox', { name: '处理人' }) })
    // Opened from an address (a shared link, a saved view): while the people load (held back here), no
    // id stands in for the name; then the person's name.
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/api/v1/users?*', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${base}/tickets?assigneeId=${assignee.id}`)
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
    await filter.waitFor()
    expect(await filter.innerText()).not.toMatch(UUID)
    release()
    await expect.poll(() => filter.innerText()).toBe(assignee.name)
    expect(await page.locator('.toolbar').innerText()).not.toMatch(UUID)
    await shot(page, 'lists-ticket-assignee-filter')
    // "Me" is a word too.
    await page.goto(`${base}/tickets?assigneeId=me`)
    await expect.poll(() => filter.innerText()).toBe('我')
    await ctx.close()
  }, 120_000)

  it('never makes the page scroll sideways on a phone', async () => {
    const { ctx, page } = await signedIn('zhou.min@demo.openkam.local', {
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    })
    const root = base
    for (const list of ['accounts', 'leads', 'tickets']) {
      await page.goto(`${root}/${list}`)
      await page.locator('.ant-table-tbody tr:not(.ant-table-measure-row)').first().waitFor()
      await page.waitForTimeout(300)
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: document.documentElement.clientWidth,
      }))
      await shot(page, `lists-phone-${list}`)
      expect(scroll, list).toBeLessThanOrEqual(width)
      // The sort the list opens with is a column it shows, marked in its header.
      if (list !== 'accounts')
        expect(await page.locator('.ant-table-thead th[aria-sort]').count(), list).toBeGreaterThan(0)
    }
    // With the sorted column hidden, the list says how it is sorted.
    await page.goto(`${root}/accounts?cols=name,industry`)
    await page.getByText('按更新时间降序排列').waitFor()
    await ctx.close()
  }, 120_000)
})
