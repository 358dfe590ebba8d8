import { describe, expect, it } from 'vitest'
import { axeViolations } from './browser'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('Insight → Cohorts (issue 23, point 2)', () => {
  for (const [locale, w] of [
    [
      'en-US',
      {
        preset: 'Contacts attended an offline seminar',
        compare: 'Compare',
        a: 'Group A',
        tag: 'Marketing touch · Kind: Event attended',
        bar: /^Difference /,
      },
    ],
    [
      'zh-CN',
      {
        preset: '联系人参加过线下研讨会',
        compare: '比 较',
        a: 'A 组',
        tag: '市场触达 · 类型: 参加活动',
        bar: /^差值 /,
      },
    ],
  ] as const) {
    it(`compares the seminar cohort with the rest, by keyboard, on a desktop and a phone (${locale})`, async () => {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const { ctx, page } = await signedIn('admin@demo.openkam.local', { locale, viewport })
        await page.goto(`${base}/insight?tab=cohorts`)
        const preset = page.getByRole('button', { name: w.preset })
        await preset.focus()
        await page.keyboard.press('Enter')
        // The preset's related-record filter shows as a tag in group A.
        await expect.poll(() => page.getByTestId('cohort-group-a').innerText()).toContain(w.tag)
        await page.getByRole('button', { name: w.compare }).focus()
        await page.keyboard.press('Enter')
        const result = page.getByTestId('cohort-result')
        await result.waitFor({ timeout: 30_000 })
        const text = await result.innerText()
        expect(text).toContain(w.a)
        expect(text).toMatch(/n = [1-9]\d*/)
        await expect.poll(() => page.getByRole('img', { name: w.bar }).count()).toBe(1)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        // On failure, name what sticks out past the right edge.
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="cohorts-panel"] *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5)
            .map((e) => `${e.tagName}.${e.className} ${e.textContent?.slice(0, 40)}`),
        )
        expect(overflow, wide.join('\n')).toBeLessThanOrEqual(0)
        expect(await axeViolations(page)).toEqual([])
        await shot(page, `insight-cohorts-${locale}-${viewport.width}`)
        await ctx.close()
      }
    })
  }
})
