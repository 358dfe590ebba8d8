import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, PASSWORD, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

/**
 * Issue 7 end to end, with nothing set by hand: signals posted through the API are scored, the band
 * change opens an alert, the rule engine tells the account manager, and the alert's playbook gives the
 * retention tasks.
 */
describe('from signals to score to alert to notification to playbook tasks', () => {
  let env: TestEnv
  let org: Org
  let csmId = ''

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    csmId = (
      await org.admin.post('/api/v1/users', {
        email: `csm@${org.slug}.test`,
        name: 'csm',
        password: PASSWORD,
        roles: ['csm'],
      })
    ).body.id
  }, 60_000)
  afterAll(() => env?.close())

  it('takes a healthy account to at risk and acts on it once', async () => {
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Chain Works Ltd', csmId })).body
    const post = (metrics: Record<string, number>) =>
      org.sales.post(
        `/api/v1/accounts/${acc.id}/metrics`,
        Object.entries(metrics).map(([metric, value]) => ({ metric, value })),
      )
    // Healthy first: 90·0.4 + 120→100·0.3 + 0 tickets→100·0.2 + (60+100)/2·0.1 = 36 + 30 + 20 + 8 = 94.
    expect((await post({ feature_usage: 90, meeting_minutes: 120, issue_feedback: 0, nps: 60 })).status).toBe(
      201,
    )
    const healthy = (await org.sales.get(`/api/v1/accounts/${acc.id}/health`)).body
    expect(healthy).toMatchObject({ score: 94, band: 'healthy', incomplete: false })

    // Then usage collapses: 10·0.4 + 0 + 10 tickets→0 + (−80+100)/2·0.1 = 4 + 0 + 0 + 1 = 5 → at risk.
    expect((await post({ feature_usage: 10, meeting_minutes: 0, issue_feedback: 10, nps: -80 })).status).toBe(
      201,
    )
    const risky = (await org.sales.get(`/api/v1/accounts/${acc.id}/health`)).body
    expect(risky).toMatchObject({ score: 5, band: 'at_risk' })
    const moved = (
      await org.sales.get(`/api/v1/accounts/${acc.id}/health/changes?since=${healthy.computedAt}`)
    ).body
    expect(JSON.stringify(moved)).toMatch(/feature_usage/)

    // The band change opens one danger alert…
    const alert = await waitFor(async () => {
      const list = (await org.sales.get(`/api/v1/alerts?accountId=${acc.id}&type=band_at_risk`)).body.data
      return list.length ? list : null
    })
    expect(alert).toHaveLength(1)
    expect(alert[0]).toMatchObject({ severity: 'danger', status: 'open' })

    // …the account manager hears of it in the app…
    const note = await waitFor(async () =>
      ((await org.sales.get('/api/v1/inbox')).body.notifications as { subject: string }[]).find((n) =>
        n.subject.includes('Chain Works Ltd'),
      ),
    )
    expect(note.subject).toMatch(/Alert/)

    // …and the retention playbook's three tasks are on the account.
    const tasks = await waitFor(async () => {
      const t = (await org.admin.get(`/api/v1/tasks?accountId=${acc.id}&source=playbook&limit=50`)).body.data
      return t.length >= 3 ? t : null
    })
    expect(tasks).toHaveLength(3)

    // Scoring it again at risk opens nothing new.
    expect((await post({ feature_usage: 12 })).status).toBe(201)
    await org.admin.post('/api/v1/jobs/run', { job: 'alerts_evaluate' })
    expect(
      (await org.sales.get(`/api/v1/alerts?accountId=${acc.id}&type=band_at_risk`)).body.data,
    ).toHaveLength(1)
  })
})
