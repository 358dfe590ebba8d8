import { randomUUID } from 'node:crypto'
import { startLocalHttp, type LocalAnswer, type LocalRequest } from './local-http'

/**
 * A local Kingdee K3 Cloud WebAPI for the tests: the login by app secret with its `kdservice-sessionid`
 * cookie, `DynamicFormService.Save/Submit/Audit/ExecuteBillQuery` for `BD_Customer`, `AR_receivable`
 * and `AR_RECEIVEBILL`, with K3 Cloud's answer shapes — `{Result: {ResponseStatus: {IsSuccess, Errors:
 * [{FieldName, Message, DIndex}], MsgCode}, Id, Number}}`, query rows as arrays — and its kinds of error
 * answer (a failed login, a lost session, a field validation, a duplicate bill number). It checks the
 * request shapes and keeps what was saved, so a test can count the receivables.
 */
export type KingdeeCreds = { acctId: string; username: string; appId: string; appSecret: string }
type Bill = { id: number; number: string; status: 'A' | 'B' | 'C' | 'D'; model: Record<string, any> }
export type KingdeeReceipt = {
  billNo: string
  date: string
  amount: number
  currency?: string
  srcBillNo: string | null
}
type Fault = { op: string; formId?: string } & (
  { message: string; field?: string } | { drop: true } | { http500: true }
)

const SVC = '/k3cloud/Kingdee.BOS.WebApi.ServicesStub.'
const CURRENCY = /^PRE\d{3}$/

const status = (ok: boolean, errors: { FieldName?: string | null; Message: string }[] = [], msgCode = 0) => ({
  IsSuccess: ok,
  ...(ok ? {} : { ErrorCode: 500 }),
  Errors: errors.map((e, i) => ({ FieldName: e.FieldName ?? null, Message: e.Message, DIndex: i })),
  SuccessEntitys: [] as unknown[],
  SuccessMessages: [] as unknown[],
  MsgCode: msgCode,
})
const fail = (errors: { FieldName?: string | null; Message: string }[], msgCode = 11): LocalAnswer => ({
  body: { Result: { ResponseStatus: status(false, errors, msgCode) } },
})

export async function startKingdee(creds: KingdeeCreds) {
  const sessions = new Set<string>()
  const customers: Bill[] = []
  const receivables: Bill[] = []
  const receipts: (KingdeeReceipt & { id: number })[] = []
  const calls: { op: string; body: any; cookie: string | undefined }[] = []
  const faults: Fault[] = []
  let seq = 100000

  const formOf = (id: string) =>
    id === 'BD_Customer' ? customers : id === 'AR_receivable' ? receivables : null

  function login(r: LocalRequest): LocalAnswer {
    const b = r.json ?? {}
    for (const k of ['acctid', 'username', 'appid', 'appsecret', 'lcid'])
      if (!(k in b)) return { status: 500, html: `<html><body>Parameter ${k} is missing</body></html>` }
    if (
      b.acctid !== creds.acctId ||
      b.username !== creds.username ||
      b.appid !== creds.appId ||
      b.appsecret !== creds.appSecret
    )
      return {
        body: {
          LoginResultType: 0,
          Message: '第三方系统登录授权信息有误，请检查应用ID、应用密钥、账套和用户名',
          Context: null,
          KDSVCSessionId: null,
        },
      }
    const sid = randomUUID()
    sessions.add(sid)
    return {
      headers: { 'set-cookie': `kdservice-sessionid=${sid}; path=/; HttpOnly` },
      body: {
        LoginResultType: 1,
        Message: null,
        KDSVCSessionId: sid,
        Context: { UserName: creds.username, DBid: creds.acctId, LCID: b.lcid },
      },
    }
  }

  function save(formId: string, data: any): LocalAnswer {
    const list = formOf(formId)
    if (!list) return fail([{ Message: `业务对象“${formId}”不存在` }])
    const m = data?.Model
    if (!m || typeof m !== 'object') return fail([{ Message: '参数 Model 不能为空' }])
    if (formId === 'BD_Customer') {
      if (!m.FName) return fail([{ FieldName: 'FName', Message: '字段“客户名称”是必填项' }])
      if (!m.FCreateOrgId?.FNumber)
        return fail([{ FieldName: 'FCreateOrgId', Message: '字段“创建组织”是必填项' }])
      if (m.FSOCIALCRECODE && customers.some((c) => c.model.FSOCIALCRECODE === m.FSOCIALCRECODE))
        return fail([
          { FieldName: 'FSOCIALCRECODE', Message: `统一社会信用代码“${m.FSOCIALCRECODE}”已存在，不允许重复` },
        ])
      const bill: Bill = {
        id: ++seq,
        number: `CUST${String(customers.length + 1).padStart(4, '0')}`,
        status: 'A',
        model: m,
      }
      customers.push(bill)
      return saved(bill)
    }
    for (const f of ['FDATE', 'FBillTypeID', 'FSETTLEORGID'])
      if (!m[f]) return fail([{ FieldName: f, Message: `字段“${f}”是必填项` }])
    const cust = customers.find((c) => c.number === m.FCUSTOMERID?.FNumber)
    if (!cust || cust.status !== 'C')
      return fail([
        {
          FieldName: 'FCUSTOMERID',
          Message: `字段“客户”的值“${m.FCUSTOMERID?.FNumber ?? ''}”不存在或未审核`,
        },
      ])
    if (!CURRENCY.test(m.FCURRENCYID?.FNumber ?? ''))
      return fail([{ FieldName: 'FCURRENCYID', Message: '字段“币别”的值不存在' }])
    const plan = Array.isArray(m.FEntityPlan) ? m.FEntityPlan : []
    const detail = Array.isArray(m.FEntityDetail) ? m.FEntityDetail : []
    if (!plan.length || !detail.length)
      return fail([{ FieldName: 'FEntityPlan', Message: '单据体“收款计划”至少需要一行' }])
    const sum = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x * 100, 0))
    if (
      sum(plan.map((p: any) => Number(p.FPAYAMOUNTFOR))) !==
      sum(detail.map((d: any) => Number(d.FTaxPrice) * Number(d.FPriceQty)))
    )
      return fail([{ FieldName: 'FPAYAMOUNTFOR', Message: '收款计划的应收金额合计不等于明细的价税合计' }])
    const number = m.FBillNo || `AR${String(receivables.length + 1).padStart(8, '0')}`
    if (receivables.some((r) => r.number === number))
      return fail([{ FieldName: 'FBillNo', Message: `单据编号“${number}”已经存在，不能重复` }])
    const bill: Bill = { id: ++seq, number, status: 'A', model: m }
    receivables.push(bill)
    return saved(bill)
  }

  const saved = (b: Bill): LocalAnswer => ({
    body: {
      Result: {
        ResponseStatus: { ...status(true), SuccessEntitys: [{ Id: b.id, Number: b.number, DIndex: 0 }] },
        Id: b.id,
        Number: b.number,
        NeedReturnData: [{}],
      },
    },
  })

  function advance(
    formId: string,
    data: any,
    from: Bill['status'][],
    to: Bill['status'],
    verb: string,
  ): LocalAnswer {
    const list = formOf(formId)
    if (!list) return fail([{ Message: `业务对象“${formId}”不存在` }])
    const numbers: string[] = data?.Numbers ?? []
    if (!numbers.length) return fail([{ Message: '参数 Numbers 或 Ids 至少需要一个' }])
    for (const n of numbers) {
      const b = list.find((x) => x.number === n)
      if (!b) return fail([{ Message: `单据编号为“${n}”的单据不存在` }])
      if (!from.includes(b.status)) return fail([{ Message: `单据“${n}”的状态不允许${verb}` }])
    }
    for (const n of numbers) list.find((x) => x.number === n)!.status = to
    return { body: { Result: { ResponseStatus: status(true) } } }
  }

  function query(data: any): LocalAnswer {
    const { FormId, FieldKeys, FilterString } = data ?? {}
    if (!FormId || typeof FieldKeys !== 'string')
      return {
        body: [
          [
            {
              Result: { ResponseStatus: status(false, [{ Message: 'FormId 和 FieldKeys 是必填参数' }], 11) },
            },
          ],
        ],
      }
    const keys = FieldKeys.split(',').map((k: string) => k.trim())
    const eq = (field: string) =>
      new RegExp(`${field}='((?:[^']|'')*)'`).exec(FilterString ?? '')?.[1]?.replace(/''/g, "'")
    let rows: Record<string, unknown>[]
    if (FormId === 'BD_Customer') {
      const code = eq('FSOCIALCRECODE')
      const name = eq('FName')
      rows = customers
        .filter((c) => (code ? c.model.FSOCIALCRECODE === code : name ? c.model.FName === name : true))
        .map((c) => ({ FCUSTID: c.id, FNumber: c.number, FName: c.model.FName }))
    } else if (FormId === 'AR_receivable') {
      const no = eq('FBillNo')
      rows = receivables
        .filter((r) => !no || r.number === no)
        .map((r) => ({ FID: r.id, FBillNo: r.number, FDOCUMENTSTATUS: r.status }))
    } else if (FormId === 'AR_RECEIVEBILL') {
      const since = />=\s*'([\d-]+)'/.exec(FilterString ?? '')?.[1] ?? '0000'
      rows = receipts
        .filter((r) => r.date >= since)
        .map((r) => ({
          FID: r.id,
          FBillNo: r.billNo,
          FDATE: `${r.date}T00:00:00`,
          'FCURRENCYID.FNumber': r.currency ?? 'PRE001',
          FREALRECAMOUNTFOR: r.amount,
          FSRCBILLNO: r.srcBillNo,
        }))
    } else
      return {
        body: [
          [{ Result: { ResponseStatus: status(false, [{ Message: `业务对象“${FormId}”不存在` }], 11) } }],
        ],
      }
    const start = Number(data.StartRow ?? 0)
    const limit = Number(data.Limit ?? 0) || 2000
    return { body: rows.slice(start, start + limit).map((r) => keys.map((k: string) => r[k] ?? null)) }
  }

  const http = await startLocalHttp((r) => {
    if (r.method !== 'POST' || !r.path.startsWith(SVC) || !r.path.endsWith('.common.kdsvc'))
      return { status: 404, html: '<html><body>404 - Not Found</body></html>' }
    const op = r.path.slice(SVC.length, -'.common.kdsvc'.length)
    if (op === 'AuthService.LoginByAppSecret') return login(r)
    const cookie = /kdservice-sessionid=([^;]+)/.exec(String(r.headers.cookie ?? ''))?.[1]
    const [service, name] = op.split('.') as [string, string]
    calls.push({ op: name, body: r.json, cookie })
    if (service !== 'DynamicFormService') return { status: 404, html: '<html><body>404</body></html>' }
    if (!cookie || !sessions.has(cookie)) return fail([{ Message: '会话信息已丢失，请重新登录' }], 1)
    const formId: string | undefined = name === 'ExecuteBillQuery' ? r.json?.data?.FormId : r.json?.formid
    const fi = faults.findIndex((f) => f.op === name && (!f.formId || f.formId === formId))
    const fault = fi >= 0 ? faults.splice(fi, 1)[0] : undefined
    if (fault && 'message' in fault) return fail([{ FieldName: fault.field ?? null, Message: fault.message }])
    if (fault && 'http500' in fault)
      return { status: 500, html: '<html><body>Internal Server Error</body></html>' }
    if (
      name !== 'ExecuteBillQuery' &&
      (typeof r.json?.formid !== 'string' || typeof r.json?.data !== 'object')
    )
      return fail([{ Message: '请求参数格式错误：需要 formid 和 data' }])
    const answer =
      name === 'Save'
        ? save(formId!, r.json.data)
        : name === 'Submit'
          ? advance(formId!, r.json.data, ['A', 'D'], 'B', '提交')
          : name === 'Audit'
            ? advance(formId!, r.json.data, ['B'], 'C', '审核')
            : name === 'ExecuteBillQuery'
              ? query(r.json?.data)
              : fail([{ Message: `不支持的操作 ${name}` }])
    // The work is done, but the caller never hears of it.
    return fault && 'drop' in fault ? { drop: true } : answer
  })

  return {
    url: `${http.url}/k3cloud/`,
    close: http.close,
    customers,
    receivables,
    calls,
    /** The next call of that operation (and form) answers this error, or 500, or is cut after doing its work. */
    failNext: (f: Fault) => faults.push(f),
    addReceipt: (r: KingdeeReceipt) => receipts.push({ ...r, id: ++seq }),
    /** A customer the finance system already has (audited). */
    addCustomer: (c: { name: string; creditCode: string }) => {
      const bill: Bill = {
        id: ++seq,
        number: `CUST${String(customers.length + 1).padStart(4, '0')}`,
        status: 'C',
        model: { FName: c.name, FSOCIALCRECODE: c.creditCode },
      }
      customers.push(bill)
      return bill
    },
    /** Forgets the sessions (as a restarted K3 Cloud does). */
    expireSessions: () => sessions.clear(),
  }
}
