import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { accounts } from '../modules/accounts'
import {
  computePotential,
  icpCollection,
  potentialScores,
  requalify,
  scoringModels,
  segmentSettings,
} from '../modules/qualification'
import type { Lang } from './demo-data'

const DAY = 86_400_000

const icpTexts = {
  en: {
    manufacturing: [
      'Manufacturing large accounts',
      'Large manufacturers and energy groups with a national footprint',
    ],
    saas: ['SaaS growth companies', 'Fast-growing software companies with a mature tech stack'],
  },
  'zh-CN': {
    manufacturing: ['制造业大客户', '全国布局的大型制造与能源集团'],
    saas: ['SaaS 成长型企业', '技术成熟度高、快速成长的软件企业'],
  },
}

const cellTexts = {
  en: {
    'manufacturing:large:evaluation': [
      'Plant visit with the operations director; show the quality-traceability case of a peer plant',
      'Strategic (1+N team)',
    ],
    'manufacturing:large:retention': [
      'Quarterly business review at the plant; roll out to the next production line',
      'Strategic (1+N team)',
    ],
    'saas:growth:evaluation': [
      'Self-serve trial with a solutions engineer on call; API docs first',
      'Standard package',
    ],
    'saas:growth:retention': ['Usage reviews every quarter; offer the analytics add-on', 'Standard package'],
    'finance:large:decision': [
      'Security and compliance review with the CIO office; reference call',
      'Strategic (1+N team)',
    ],
  },
  'zh-CN': {
    'manufacturing:large:evaluation': [
      '与运营总监进行工厂实地考察；展示同行工厂的质量追溯案例',
      '战略级（1+N 团队）',
    ],
    'manufacturing:large:retention': ['每季度在工厂开展业务复盘；推广到下一条产线', '战略级（1+N 团队）'],
    'saas:growth:evaluation': ['自助试用并配备解决方案工程师支持；优先提供 API 文档', '标准服务包'],
    'saas:growth:retention': ['每季度使用情况复盘；推荐分析增值模块', '标准服务包'],
    'finance:large:decision': ['与信息科技部门开展安全合规评审；安排标杆客户回访', '战略级（1+N 团队）'],
  },
}

/** Scores by level for the four default dimensions; index 1 is exactly 4.0 (5, 3, 4, 4). */
const profiles: [number, number, number, number][] = [
  [5, 5, 4, 5], // 4.8 A
  [5, 3, 4, 4], // 4.0 A, exactly
  [4, 4, 4, 4], // 4.0 A
  [4, 4, 3, 4], // 3.8 B
  [4, 3, 3, 3], // 3.3 B
  [3, 3, 3, 3], // 3.0 B
  [3, 3, 2, 3], // 2.8 C
  [2, 3, 2, 2], // 2.3 C
  [2, 2, 1, 2], // 1.8 C
]

/**
 * The qualification part of the demo (SPEC ): two ICPs, potential scores with history for
 * most accounts in every class (one at exactly 4.0), A-class prospects nobody works on (the ranking's
 * `no_plan` and `no_owner` flags), the fits and segments of every account — every cell of the segment
 * matrix has accounts (demo-deals.ts `prospectParts`) — and strategy texts for the main segments. Set-based: scores are inserted in one statement, fits and segments
 * computed by the engine itself, silently.
 */
export async function seedQualificationDemo(tx: Executor, ctx: Ctx, lang: Lang, now = new Date()) {
  const t = icpTexts[lang] ?? icpTexts.en
  await icpCollection.create(tx, ctx, {
    name: t.manufacturing[0],
    description: t.manufacturing[1],
    active: true,
    dimensions: [
      { field: 'industry', target: { kind: 'values', values: ['manufacturing', 'energy'] }, weight: 30 },
      { field: 'employees', target: { kind: 'range', min: 2000 }, weight: 25 },
      { field: 'techMaturity', target: { kind: 'values', values: ['medium', 'high'] }, weight: 15 },
      { field: 'financialHealth', target: { kind: 'values', values: ['fair', 'strong'] }, weight: 15 },
      { field: 'marketScope', target: { kind: 'values', values: ['national', 'international'] }, weight: 15 },
    ],
  })
  await icpCollection.create(tx, ctx, {
    name: t.saas[0],
    description: t.saas[1],
    active: true,
    dimensions: [
      { field: 'industry', target: { kind: 'values', values: ['saas'] }, weight: 35 },
      { field: 'employees', target: { kind: 'range', min: 300, max: 1999 }, weight: 25 },
      { field: 'techMaturity', target: { kind: 'values', values: ['high'] }, weight: 20 },
      { field: 'paymentRisk', target: { kind: 'values', values: ['low', 'medium'] }, weight: 10 },
      { field: 'marketScope', target: { kind: 'values', values: ['regional', 'national'] }, weight: 10 },
    ],
  })

  const rows = await tx
    .select({ id: accounts.id, tier: accounts.tier, ownerId: accounts.ownerId })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
  const [model] = await tx
    .select()
    .from(scoringModels)
    .where(and(eq(scoringModels.workspaceId, ctx.ws), eq(scoringModels.isDefault, true)))
  const rated = await lostProspects(tx, ctx.ws)
  let scored = 0
  if (model && rows.length) {
    const keys = model.dimensions.map((d) => d.key)
    const scores: (typeof potentialScores.$inferInsert)[] = []
    const current = new Map<string, { total: number; cls: string }>()
    rows.forEach((a, i) => {
      const rep = rated.get(a.id)
      if (i % 7 === 6 && rep === undefined) return // some accounts are not scored yet
      // Strategic accounts lean to A, essential ones to C; the index spreads them over the profiles.
      const base = a.tier === 'strategic' ? 0 : a.tier === 'growth' ? 3 : 5
      const level = Math.min(profiles.length - 1, base + (i % 4))
      // A prospect whose evaluation was lost is re-rated A by the rep who ran it: the ranking's flags.
      const history =
        rep !== undefined ? [3, 0] : i % 3 === 0 ? [Math.min(profiles.length - 1, level + 2), level] : [level]
      history.forEach((p, h) => {
        const values = profiles[i === 1 && rep === undefined ? 1 : p]!
        const s = Object.fromEntries(keys.map((k, j) => [k, values[j] ?? 3]))
        const r = computePotential(model.dimensions, model.bands, s)
        const at = new Date(now.getTime() - ((history.length - 1 - h) * 75 + (i % 20) + 1) * DAY)
        scores.push({
          id: newId(),
          workspaceId: ctx.ws,
          accountId: a.id,
          modelId: model.id,
          modelVersion: model.version,
          scores: s,
          contributions: r.contributions,
          total: r.total.toFixed(2),
          potentialClass: r.class,
          note: rep !== undefined && h === 1 ? unplannedNote[lang] : noteFor(lang, h, history.length),
          scoredBy: a.ownerId ?? rep ?? null,
          scoredAt: at,
        })
        current.set(a.id, { total: r.total, cls: r.class })
      })
    })
    await tx.insert(potentialScores).values(scores)
    const list = [...current].map(([id, c]) => ({ id, total: c.total, cls: c.cls }))
    await tx.execute(sql`
      update accounts a set potential_total = v.total, potential_class = v.cls
      from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as v(id uuid, total numeric, cls text)
      where a.workspace_id = ${ctx.ws} and a.id = v.id`)
    scored = list.length
  }

  const c = cellTexts[lang] ?? cellTexts.en
  const cells = Object.fromEntries(
    Object.entries(c).map(([k, [strategy, serviceLevel]]) => [k, { strategy, serviceLevel }]),
  )
  await tx
    .update(segmentSettings)
    .set({ cells: sql`${segmentSettings.cells} || ${JSON.stringify(cells)}::jsonb` })
    .where(eq(segmentSettings.workspaceId, ctx.ws))
  // The generated rows carry a readable placeholder segment; the derived key replaces it.
  await tx.update(accounts).set({ segment: null }).where(eq(accounts.workspaceId, ctx.ws))
  await requalify(
    tx,
    ctx,
    rows.map((r) => r.id),
    { silent: true },
  )
  return scored
}

/**
 * Prospects with no open deal and no contract — their only evaluation was lost (demo-deals.ts
 * `prospectParts`) — with the rep who ran their latest deal. Scored A, they are the ranking's A-class
 * accounts without a plan (no open deal, no open task), and the one that went back to marketing has no owner.
 */
async function lostProspects(tx: Executor, ws: string): Promise<Map<string, string | null>> {
  const res = (await tx.execute(sql`
    select a.id,
      (select o.owner_id from opportunities o where o.workspace_id = a.workspace_id and o.account_id = a.id
        and o.deleted_at is null order by o.created_at desc, o.id desc limit 1) as rep
    from accounts a
    where a.workspace_id = ${ws} and a.deleted_at is null
      and exists (select 1 from opportunities o where o.workspace_id = a.workspace_id
        and o.account_id = a.id and o.deleted_at is null)
      and not exists (select 1 from opportunities o where o.workspace_id = a.workspace_id
        and o.account_id = a.id and o.deleted_at is null and o.status <> 'lost')
      and not exists (select 1 from contracts c where c.workspace_id = a.workspace_id
        and c.account_id = a.id and c.deleted_at is null)`)) as unknown as {
    rows: { id: string; rep: string | null }[]
  }
  return new Map(res.rows.map((r) => [r.id, r.rep]))
}

const unplannedNote = {
  en: 'Re-rated at the planning review: budget returns next year and they fit us well — plan the next step',
  'zh-CN': '规划评审复评：明年预算恢复，与我们高度匹配——请规划下一步行动',
}

const noteFor = (lang: Lang, h: number, n: number) =>
  lang === 'zh-CN'
    ? n > 1 && h === 0
      ? '首次评估：基于公开信息'
      : n > 1
        ? '拜访后复评：需求与预算更清晰'
        : '客户经理评估'
    : n > 1 && h === 0
      ? 'First assessment from public information'
      : n > 1
        ? 'Re-scored after the visit: needs and budget are clearer'
        : 'Account manager assessment'
