import { TemplateFile, type BuiltInTemplate } from '@openkam/contract'
import saasEn from './files/saas.en.json'
import saasZh from './files/saas.zh-CN.json'

type Lang = 'zh-CN' | 'en'

/**
 * The built-in workspace templates (SPEC R-32). `standard` is the default template every module installs
 * (templateParts in index.ts); the others are template files (files/*.json, one per language) imported
 * over it with the same code as an uploaded file, so that they change only what makes them different.
 */
export const builtInTemplates: (BuiltInTemplate & { files?: Record<Lang, unknown> })[] = [
  {
    key: 'standard',
    name: { en: 'Key accounts (default)', 'zh-CN': '大客户管理（默认）' },
    description: {
      en: 'The five-stage B2B sales SOP with its deliverables, the default health model (usage, meetings, issues, NPS), tiers by annual spend with the 1+N service team, alerts, approvals and dashboards.',
      'zh-CN':
        '五阶段 B2B 销售 SOP 及其交付物、默认健康度模型（使用、会议、问题反馈、NPS）、按年度采购额划分层级与 1+N 服务团队、预警、审批与仪表盘。',
    },
  },
  {
    key: 'saas',
    name: { en: saasEn.name, 'zh-CN': saasZh.name },
    description: { en: saasEn.description, 'zh-CN': saasZh.description },
    files: { en: saasEn, 'zh-CN': saasZh },
  },
]

/** The template file of a built-in template in a language; null for the default (installed in code). */
export function builtInFile(key: string, lang: Lang): TemplateFile | null {
  const file = builtInTemplates.find((t) => t.key === key)?.files?.[lang]
  return file ? TemplateFile.parse(file) : null
}
