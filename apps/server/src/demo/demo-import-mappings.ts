import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { importMappingCollection } from '../modules/imports'
import { principalByEmail } from '../modules/users'
import { demoUsers, type Lang } from './demo-data'

/**
 * Saved column mappings of the demo (issue 20): a salesperson (Chen Jie) kept how the old CRM's account
 * export and the trade-show lead list map to fields, so that their next files import with one click.
 */
export async function seedImportMappingDemo(tx: Executor, ctx: Ctx, lang: Lang): Promise<number> {
  const zh = lang === 'zh-CN'
  const email = demoUsers.find((u) => u.key === 'salesA')!.email
  const as: Ctx = { ...ctx, principal: (await principalByEmail(tx, ctx.ws, email))! }
  const mappings = [
    {
      name: zh ? '纷享销客导出（客户）' : 'Fxiaoke export (accounts)',
      object: 'accounts',
      mapping: zh
        ? {
            客户名称: 'name',
            统一社会信用代码: 'creditCode',
            所属行业: 'industry',
            客户级别: 'tier',
            公司网址: 'domain',
            负责人邮箱: 'owner',
            备注: null,
          }
        : {
            'Account name': 'name',
            'Credit code': 'creditCode',
            Industry: 'industry',
            Level: 'tier',
            Website: 'domain',
            'Owner e-mail': 'owner',
            Notes: null,
          },
    },
    {
      name: zh ? '展会线索表' : 'Trade show leads',
      object: 'leads',
      mapping: zh
        ? { 姓名: 'name', 公司: 'company', 邮箱: 'email', 手机: 'phone', 展位: null }
        : { Name: 'name', Company: 'company', 'E-mail': 'email', Mobile: 'phone', Booth: null },
    },
  ]
  for (const m of mappings) await importMappingCollection.create(tx, as, m)
  return mappings.length
}
