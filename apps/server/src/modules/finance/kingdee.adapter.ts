import type { KingdeeCredentials } from '@openkam/contract'
import type { z } from 'zod'
import {
  FinanceError,
  type CallSink,
  type FinanceConnector,
  type FinanceCustomer,
  type FinanceDocument,
  type PushResult,
  type Receipt,
  type ReceivableDoc,
} from './connector'
import { httpCall, type HttpAnswer } from './finance-http'
import { redact } from './redact'

type Creds = z.infer<typeof KingdeeCredentials>

/**
 * Kingdee 金蝶云星空 (K3 Cloud) WebAPI, as its public SDKs and interface notes describe it: every call is
 * `POST <base>/Kingdee.BOS.WebApi.ServicesStub.<Service>.<Operation>.common.kdsvc` with a JSON body; the
 * login (`AuthService.LoginByAppSecret`) answers `LoginResultType` 1 and a session carried by the
 * `kdservice-sessionid` cookie; `DynamicFormService.Save/Submit/Audit` take `{formid, data}` and answer
 * `{Result: {ResponseStatus: {IsSuccess, Errors: [{FieldName, Message}], MsgCode}, Id, Number}}`;
 * `ExecuteBillQuery` takes `{data: {FormId, FieldKeys, FilterString, StartRow, Limit}}` and answers rows
 * as arrays (or a nested ResponseStatus on error).
 */
export class KingdeeConnector implements FinanceConnector {
  private session: string | null = null
  private readonly base: string
  private readonly org: string

  constructor(
    baseUrl: string,
    private readonly creds: Creds,
    private readonly sink: CallSink,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
    this.org = creds.orgNumber ?? '100'
  }

  private url(service: string, op: string) {
    return `${this.base}Kingdee.BOS.WebApi.ServicesStub.${service}.${op}.common.kdsvc`
  }

  private record(
    document: FinanceDocument,
    operation: string,
    request: unknown,
    answer: unknown,
    error: string | null,
  ) {
    const secrets = [this.creds.appSecret, ...(this.session ? [this.session] : [])]
    this.sink({
      document,
      operation,
      ok: !error,
      error,
      request: redact(request, secrets),
      response: redact(answer, secrets),
    })
  }

  private async login(document: FinanceDocument): Promise<string> {
    const body = {
      acctid: this.creds.acctId,
      username: this.creds.username,
      appid: this.creds.appId,
      appsecret: this.creds.appSecret,
      lcid: this.creds.lcid ?? 2052,
    }
    const url = this.url('AuthService', 'LoginByAppSecret')
    let res: HttpAnswer
    try {
      res = await httpCall(url, { method: 'POST', body }, this.timeoutMs)
    } catch (err) {
      this.record(document, 'LoginByAppSecret', { url, body }, null, (err as Error).message)
      throw err
    }
    const b = (res.body ?? {}) as {
      LoginResultType?: number
      Message?: string | null
      KDSVCSessionId?: string
    }
    const cookie = /kdservice-sessionid=([^;]+)/i.exec(res.headers.get('set-cookie') ?? '')?.[1]
    const session = cookie ?? b.KDSVCSessionId ?? null
    if (res.status >= 400 || b.LoginResultType !== 1 || !session) {
      const message =
        b.Message || (res.status >= 400 ? `HTTP ${res.status}: ${res.text.slice(0, 300)}` : 'Login failed')
      this.record(document, 'LoginByAppSecret', { url, body }, res.body, message)
      throw new FinanceError(message, res.status >= 500 ? 'transport' : 'auth')
    }
    this.session = session
    this.record(document, 'LoginByAppSecret', { url, body }, res.body, null)
    return session
  }

  /** One DynamicFormService call with the session; a lost session logs in again once. */
  private async call(
    document: FinanceDocument,
    op: string,
    body: unknown,
    retried = false,
  ): Promise<unknown> {
    const session = this.session ?? (await this.login(document))
    const url = this.url('DynamicFormService', op)
    const request = { url, body }
    let res: HttpAnswer
    try {
      res = await httpCall(
        url,
        { method: 'POST', body, headers: { cookie: `kdservice-sessionid=${session}` } },
        this.timeoutMs,
      )
    } catch (err) {
      this.record(document, op, request, null, (err as Error).message)
      throw err
    }
    const status = responseStatus(res.body)
    if (status && status.MsgCode === 1 && !retried) {
      // 会话信息已丢失: the session expired on the server.
      this.record(document, op, request, res.body, messageOf(status))
      this.session = null
      return this.call(document, op, body, true)
    }
    if (res.status >= 400) {
      const message = (status && messageOf(status)) || `HTTP ${res.status}: ${res.text.slice(0, 300)}`
      this.record(document, op, request, res.body, message)
      throw new FinanceError(message, res.status >= 500 ? 'transport' : 'protocol')
    }
    if (status && status.IsSuccess === false) {
      const message = messageOf(status)
      this.record(document, op, request, res.body, message)
      throw new FinanceError(
        message,
        /已存在|重复|exists|duplicate/i.test(message) ? 'duplicate' : 'validation',
      )
    }
    this.record(document, op, request, res.body, null)
    return res.body
  }

  private async query(
    document: FinanceDocument,
    formId: string,
    fieldKeys: string[],
    filter: string,
    startRow = 0,
    limit = 2000,
  ) {
    const body = await this.call(document, 'ExecuteBillQuery', {
      data: {
        FormId: formId,
        FieldKeys: fieldKeys.join(','),
        FilterString: filter,
        OrderString: '',
        TopRowCount: 0,
        StartRow: startRow,
        Limit: limit,
      },
    })
    if (!Array.isArray(body))
      throw new FinanceError(`ExecuteBillQuery answered no rows array for ${formId}`, 'protocol')
    return body as unknown[][]
  }

  private async saveSubmitAudit(document: FinanceDocument, formId: string, model: Record<string, unknown>) {
    const saved = (await this.call(document, 'Save', {
      formid: formId,
      data: { IsAutoSubmitAndAudit: false, Model: model },
    })) as {
      Result?: { Id?: number | string; Number?: string }
    }
    const id = String(saved.Result?.Id ?? '')
    const number = saved.Result?.Number ?? ''
    if (!id || !number) throw new FinanceError(`Save of ${formId} answered no Id and Number`, 'protocol')
    await this.submitAudit(document, formId, number)
    return { id, number }
  }

  private async submitAudit(
    document: FinanceDocument,
    formId: string,
    number: string,
    from: 'A' | 'B' = 'A',
  ) {
    if (from === 'A')
      await this.call(document, 'Submit', { formid: formId, data: { Numbers: [number], Ids: '' } })
    await this.call(document, 'Audit', { formid: formId, data: { Numbers: [number], Ids: '' } })
  }

  async testConnection() {
    await this.login('test')
    return `Logged in to data centre ${this.creds.acctId} as ${this.creds.username}`
  }

  async upsertCustomer(c: FinanceCustomer) {
    const filter = c.creditCode ? `FSOCIALCRECODE='${quote(c.creditCode)}'` : `FName='${quote(c.name)}'`
    const rows = await this.query('customer', 'BD_Customer', ['FCUSTID', 'FNumber', 'FName'], filter, 0, 1)
    const found = rows[0]
    if (found) return { code: String(found[1]), created: false }
    const model: Record<string, unknown> = {
      FCreateOrgId: { FNumber: this.org },
      FUseOrgId: { FNumber: this.org },
      FName: c.name,
      ...(c.creditCode ? { FSOCIALCRECODE: c.creditCode } : {}),
    }
    const { number } = await this.saveSubmitAudit('customer', 'BD_Customer', model)
    return { code: number, created: true }
  }

  async pushReceivable(doc: ReceivableDoc, customerCode: string): Promise<PushResult> {
    // Asked first, always: after a timeout or a half-done attempt the bill may already be there.
    const rows = await this.query(
      'receivable',
      'AR_receivable',
      ['FID', 'FBillNo', 'FDOCUMENTSTATUS'],
      `FBillNo='${quote(doc.number)}'`,
      0,
      1,
    )
    const found = rows[0]
    if (found) {
      const [id, number, state] = found.map(String) as [string, string, string]
      if (state === 'A' || state === 'D') await this.submitAudit('receivable', 'AR_receivable', number, 'A')
      else if (state === 'B') await this.submitAudit('receivable', 'AR_receivable', number, 'B')
      return { externalId: id, billNumber: number, existed: true }
    }
    const model = {
      FBillTypeID: { FNUMBER: 'YSD01_SYS' },
      FBillNo: doc.number,
      FDATE: doc.date,
      FENDDATE_H: doc.dueDate,
      FCUSTOMERID: { FNumber: customerCode },
      FCURRENCYID: { FNumber: kingdeeCurrency(doc.currency) },
      FSETTLEORGID: { FNumber: this.org },
      FPAYORGID: { FNumber: this.org },
      FSALEORGID: { FNumber: this.org },
      FAR_Remark: doc.notes ?? '',
      FEntityDetail: doc.lines.map((l) => ({
        FPriceQty: 1,
        FTaxPrice: Number(l.amount),
        FComment: l.description,
      })),
      FEntityPlan: doc.lines.map((l) => ({ FENDDATE: l.dueDate, FPAYAMOUNTFOR: Number(l.amount) })),
    }
    const { id, number } = await this.saveSubmitAudit('receivable', 'AR_receivable', model)
    return { externalId: id, billNumber: number, existed: false }
  }

  async fetchReceipts(since: string): Promise<Receipt[]> {
    const keys = ['FID', 'FBillNo', 'FDATE', 'FCURRENCYID.FNumber', 'FREALRECAMOUNTFOR', 'FSRCBILLNO']
    const filter = `FDOCUMENTSTATUS='C' and FDATE>='${quote(since)}'`
    const out: Receipt[] = []
    for (let start = 0; ; start += 2000) {
      const rows = await this.query('receipts', 'AR_RECEIVEBILL', keys, filter, start, 2000)
      for (const [id, no, date, cur, amount, src] of rows)
        out.push({
          externalId: src ? `${id}/${src}` : String(id),
          billNumber: String(no),
          date: String(date).slice(0, 10),
          amount: Number(amount).toFixed(2),
          currency: currencyOf(String(cur ?? '')),
          sourceNumber: src ? String(src) : null,
        })
      if (rows.length < 2000) return out
    }
  }
}

type Status = {
  IsSuccess?: boolean
  MsgCode?: number
  Errors?: { Message?: string; FieldName?: string | null }[]
}

/** The ResponseStatus of a Save/Submit/Audit answer, or of a failed query ([[{Result: …}]]). */
function responseStatus(body: unknown): Status | null {
  let b: unknown = body
  while (Array.isArray(b) && b.length === 1) b = b[0]
  const s = (b as { Result?: { ResponseStatus?: Status } } | null)?.Result?.ResponseStatus
  return s && typeof s === 'object' ? s : null
}

const messageOf = (s: Status) =>
  (s.Errors ?? [])
    .map((e) => e.Message)
    .filter(Boolean)
    .join('; ') || 'The operation failed (no message)'

const quote = (v: string) => v.replace(/'/g, "''")

/** K3 Cloud's preset currency numbers. */
const CURRENCIES: Record<string, string> = {
  CNY: 'PRE001',
  HKD: 'PRE002',
  EUR: 'PRE003',
  JPY: 'PRE004',
  TWD: 'PRE005',
  GBP: 'PRE006',
  USD: 'PRE007',
}
export const kingdeeCurrency = (iso: string) => CURRENCIES[iso] ?? iso
const currencyOf = (kd: string) => Object.entries(CURRENCIES).find(([, v]) => v === kd)?.[0] ?? (kd || 'CNY')
