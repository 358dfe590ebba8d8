import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './browser'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('workspace template files in the browser', () => {
  it('an administrator downloads the demo configuration, uploads it changed, sees the preview, imports it, and a second import changes nothing', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local', { downloads: true })
    await page.goto(`${base}/settings/template`)
    await page.getByText('Export the configuration').waitFor()
    expect(await axeViolations(page)).toEqual([])
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download template file' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^openkam-template-\d{4}-\d{2}-\d{2}\.json$/)
    const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'))
    expect(file.format).toBe('openkam-template')
    expect(file.objects.pipelines.length).toBeGreaterThan(0)

    // The same file with the default pipeline renamed: the preview names the one change.
    const changed = structuredClone(file)
    changed.objects.pipelines[0].name = 'E2E renamed pipeline'
    const upload = async () => {
      await page.locator('input[type=file]').setInputFiles({
        name: 'template.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(changed)),
      })
    }
    await upload()
    const preview = page.getByTestId('template-preview')
    await preview.getByRole('cell', { name: 'Pipelines' }).waitFor()
    await preview.getByText('E2E renamed pipeline').first().waitFor()
    await shot(page, 'workspace-template-01-preview')
    await preview.getByRole('button', { name: 'Import' }).click()
    const result = page.getByTestId('template-result')
    await result.getByText('Imported: this is what changed').waitFor()
    await shot(page, 'workspace-template-02-result')
    const pipelines = await page.evaluate(() => fetch('/api/v1/pipelines').then((r) => r.json()))
    expect(pipelines.data.map((p: { name: string }) => p.name)).toContain('E2E renamed pipeline')

    // Again: nothing to do.
    await upload()
    await page
      .getByText('The workspace already has this configuration: importing it changes nothing.')
      .waitFor()

    // A file of another kind: a specific error, nothing changed.
    await page.locator('input[type=file]').setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...file, format: 'something-else' })),
    })
    await page.getByRole('alert').getByText('format').waitFor()
    await ctx.close()

    // On a phone, in Chinese.
    const phone = await signedIn('admin@demo.openkam.local', {
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    })
    await phone.page.goto(`${base}/settings/template`)
    await phone.page.getByText('导出配置').waitFor()
    await phone.page.locator('input[type=file]').setInputFiles({
      name: 'template.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          ...changed,
          objects: { ...changed.objects, pipelines: [{ ...changed.objects.pipelines[0], name: 'E2E 手机' }] },
        }),
      ),
    })
    await phone.page.getByTestId('template-preview').getByRole('cell', { name: '销售流程' }).waitFor()
    await shot(phone.page, 'workspace-template-03-phone-zh')
    await phone.ctx.close()
  }, 180_000)
})
