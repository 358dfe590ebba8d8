import { describe, expect, it } from 'vitest'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('import history', () => {
  it('applies the saved mapping of a source, then undoes the import from the history', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    await page.goto(`${base}/accounts`)
    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog')
    // The headers of the demo workspace’s saved mapping 纷享销客导出（客户）, in another order.
    const csv = [
      '备注,客户名称,所属行业,统一社会信用代码,客户级别,公司网址,负责人邮箱',
      'first,Undo E2E Alpha Ltd,retail,,,,',
      'second,Undo E2E Beta Ltd,finance,,,,',
    ].join('\n')
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'fxiaoke.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await dialog.getByText('Mapping “纷享销客导出（客户）” applied').waitFor({ timeout: 60_000 })
    expect(await dialog.getByTestId('import-mapping-row').count()).toBe(7)
    await shot(page, 'import-history-01-mapping')
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await dialog.getByText('2 accounts imported').waitFor({ timeout: 60_000 })

    await dialog.getByRole('link', { name: 'Import history' }).click()
    const history = page.getByTestId('import-history')
    const row = history.locator('.ant-table-row', { hasText: 'fxiaoke.csv' })
    await row.waitFor()
    expect(await row.innerText()).toMatch(/纷享销客导出（客户）[\s\S]*2 \/ 0 \/ 0 \/ 0[\s\S]*Done/)
    await shot(page, 'import-history-02-list')
    await row.getByRole('button', { name: 'Undo' }).click()
    const confirm = page.getByRole('dialog')
    await confirm.getByText('2 records it created will be deleted').waitFor()
    await shot(page, 'import-history-03-confirm')
    await confirm.getByRole('button', { name: 'Undo import' }).click()
    await confirm.getByText('Undone: 2 deleted, 0 put back, 0 left alone.').waitFor()
    await shot(page, 'import-history-04-undone')
    const left = await page.evaluate(() => fetch('/api/v1/accounts?q=Undo%20E2E').then((r) => r.json()))
    expect(left.data).toEqual([])
    await confirm.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click()
    await row.getByText('Undone').waitFor()
    await ctx.close()
  }, 180_000)

  it('shows the history and the saved mappings on a phone, in Chinese', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local', {
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    })
    await page.goto(`${base}/settings/import-history`)
    await page.getByTestId('import-mappings').getByText('展会线索表').waitFor()
    await shot(page, 'import-history-05-phone-zh')
    await ctx.close()
  }, 120_000)
})
