import { and, eq } from 'drizzle-orm'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { defaultBands, defaultModelMetrics } from './health-score'
import { healthModelCollection } from './health-model.collection'
import { healthModels } from './health.table'

const labels = {
  en: {
    name: 'Default health model',
    description:
      'Feature usage 40%, meeting minutes (30 days) 30%, issue feedback 20% (fewer is better), NPS 10%. ≥ 80 healthy, 60–80 watch, < 60 at risk.',
    metrics: [
      'Feature usage rate',
      'Meeting minutes (30 days)',
      'Issues and negative feedback (30 days)',
      'NPS',
    ],
  },
  'zh-CN': {
    name: '默认健康度模型',
    description:
      '功能使用率 40%，会议时长（30 天）30%，问题反馈量 20%（越少越好），NPS 10%。≥ 80 健康，60–80 关注，< 60 风险。',
    metrics: ['功能使用率', '会议时长（30 天）', '问题与负面反馈（30 天）', 'NPS'],
  },
}

/**
 * The template's default health model (SPEC ), published and marked `default`. Skipped when
 * the workspace has or had it (a deleted template model stays deleted), so it also upgrades older ones.
 */
export async function installHealthTemplate(tx: Executor, ctx: Ctx, lang: 'zh-CN' | 'en') {
  const had = await tx
    .select({ id: healthModels.id })
    .from(healthModels)
    .where(and(eq(healthModels.workspaceId, ctx.ws), eq(healthModels.template, 'default')))
  if (had.length) return null
  const l = labels[lang] ?? labels.en
  const rec = await healthModelCollection.create(tx, ctx, {
    name: l.name,
    description: l.description,
    status: 'published',
    isDefault: true,
    appliesTo: {},
    metrics: defaultModelMetrics.map((m, i) => ({ ...m, label: l.metrics[i] })),
    bands: defaultBands,
    lookbackDays: 90,
  })
  await tx
    .update(healthModels)
    .set({ template: 'default' })
    .where(and(eq(healthModels.workspaceId, ctx.ws), eq(healthModels.id, rec.id)))
  return rec
}
