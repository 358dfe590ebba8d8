import { createHmac, randomUUID } from 'node:crypto'
import { startLocalHttp, type LocalAnswer } from './local-http'

/**
 * A local Yonyou YonBIP open API for the tests: the self-built app's token (`GET /open-auth/selfAppAuth/
 * getAccessToken?appKey&timestamp&signature`, the signature checked: Base64 HmacSHA256 of
 * "appKey…timestamp…" with the appSecret), then `POST /yonbip/…?access_token=` for customers (merchant),
 * receivables (应收单) and receipts (收款单), answering `{code: "200", message, data}` — or another code
 * with the system's message: a bad signature, an unknown token, a missing field, a duplicate bill code.
 */
export type YonyouReceipt = {
  code: string
  billDate: string
  oriSum: number
  srcBillNo: string | null
  currency?: string
}
type Doc = { id: string; code: string; data: Record<string, any> }

const ok = (data: unknown): LocalAnswer => ({ body: { code: '200', message: '操作成功', data } })
const err = (message: string, code = '999'): LocalAnswer => ({ body: { code, message, data: null } })

export async function startYonyou(creds: { appKey: string; appSecret: string }) {
  const tokens = new Set<string>()
  const customers: Doc[] = []
  const receivables: Doc[] = []
  const receipts: (YonyouReceipt & { id: string })[] = []
  const calls: { path: string; body: any; query: string }[] = []
  const faults: { path: string; message: string }[] = []
  let seq = 2000000

  const page = <T>(list: T[], b: any) => {
    const size = Number(b?.pageSize ?? 10)
    const index = Number(b?.pageIndex ?? 1)
    return {
      pageIndex: index,
      pageSize: size,
      recordCount: list.length,
      pageCount: Math.max(1, Math.ceil(list.length / size)),
      recordList: list.slice((index - 1) * size, index * size),
    }
  }

  const http = await startLocalHttp((r) => {
    if (r.method === 'GET' && r.path === '/iuap-api-gateway/open-auth/selfAppAuth/getAccessToken') {
      const appKey = r.query.get('appKey')
      const ts = r.query.get('timestamp') ?? ''
      const sig = r.query.get('signature') ?? ''
      if (appKey !== creds.appKey) return err('appKey不存在或已停用', '50001')
      if (!/^\d{13}$/.test(ts) || Math.abs(Date.now() - Number(ts)) > 5 * 60_000)
        return err('时间戳无效或已过期', '50002')
      const expected = createHmac('sha256', creds.appSecret)
        .update(`appKey${appKey}timestamp${ts}`)
        .digest('base64')
      if (sig !== expected) return err('签名验证失败，请检查appSecret', '50003')
      const token = randomUUID().replace(/-/g, '')
      tokens.add(token)
      return { body: { code: '00000', message: '成功！', data: { access_token: token, expire: 7200 } } }
    }
    if (r.method !== 'POST' || !r.path.startsWith('/iuap-api-gateway/yonbip/'))
      return { status: 404, body: { code: '404', message: 'Not Found' } }
    const path = r.path.slice('/iuap-api-gateway'.length)
    calls.push({ path, body: r.json, query: r.query.toString() })
    if (!tokens.has(r.query.get('access_token') ?? ''))
      return err('非法token，请重新获取access_token', '310036')
    const fi = faults.findIndex((f) => f.path === path)
    if (fi >= 0) return err(faults.splice(fi, 1)[0]!.message)
    const b = r.json ?? {}
    switch (path) {
      case '/yonbip/digitalModel/merchant/list':
        return ok(
          page(
            customers
              .filter((c) =>
                b.creditCode
                  ? c.data.creditCode === b.creditCode
                  : b.name
                    ? c.data.name?.zh_CN === b.name
                    : true,
              )
              .map((c) => ({ id: c.id, code: c.code, name: c.data.name })),
            b,
          ),
        )
      case '/yonbip/digitalModel/merchant/save': {
        const d = b.data
        if (!d || d._status !== 'Insert') return err('data._status 必须为 Insert')
        if (!d.name?.zh_CN) return err('客户名称不能为空')
        if (!d.createOrg) return err('管理组织不能为空')
        if (d.creditCode && customers.some((c) => c.data.creditCode === d.creditCode))
          return err(`统一社会信用代码[${d.creditCode}]已存在`)
        const doc = { id: String(++seq), code: `KH${String(customers.length + 1).padStart(5, '0')}`, data: d }
        customers.push(doc)
        return ok({ id: doc.id, code: doc.code })
      }
      case '/yonbip/fi/arbill/list':
        return ok(
          page(
            receivables.filter((x) => !b.code || x.code === b.code).map((x) => ({ id: x.id, code: x.code })),
            b,
          ),
        )
      case '/yonbip/fi/arbill/save': {
        const d = b.data
        if (!d || d._status !== 'Insert') return err('data._status 必须为 Insert')
        for (const f of ['billDate', 'financeOrg_code', 'customer_code', 'currency_code'])
          if (!d[f]) return err(`${f}不能为空`)
        if (!customers.some((c) => c.code === d.customer_code)) return err(`客户[${d.customer_code}]不存在`)
        const lines = Array.isArray(d.bodyItem) ? d.bodyItem : []
        if (!lines.length) return err('表体明细不能为空')
        const sum = Math.round(lines.reduce((s: number, l: any) => s + Number(l.oriSum) * 100, 0))
        if (sum !== Math.round(Number(d.oriSum) * 100)) return err('表体金额合计与表头金额不一致')
        if (d.code && receivables.some((x) => x.code === d.code))
          return err(`单据编号[${d.code}]已存在，不能重复保存`)
        const doc = { id: String(++seq), code: d.code || `AR${seq}`, data: d }
        receivables.push(doc)
        return ok({ id: doc.id, code: doc.code })
      }
      case '/yonbip/fi/receivebill/list': {
        const since = String(b.open_billDate_begin ?? '0000')
        return ok(
          page(
            receipts
              .filter((x) => x.billDate >= since)
              .map((x) => ({ ...x, currency_code: x.currency ?? 'CNY' })),
            b,
          ),
        )
      }
      default:
        return err(`接口[${path}]不存在`, '404')
    }
  })

  return {
    url: `${http.url}/iuap-api-gateway`,
    close: http.close,
    customers,
    receivables,
    calls,
    failNext: (path: string, message: string) => faults.push({ path, message }),
    addReceipt: (x: YonyouReceipt) => receipts.push({ ...x, id: String(++seq) }),
  }
}
