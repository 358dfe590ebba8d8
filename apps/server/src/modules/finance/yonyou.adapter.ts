import { createHmac } from 'node:crypto'
import type { YonyouCredentials } from '@openkam/contract'
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

type Creds = z.infer<typeof YonyouCredentials>

/** The YonBIP token signature: URL-encoded Base64 of HmacSHA256("appKey<key>timestamp<ms>", appSecret). */
export const yonbipSignature = (appKey: string, timestamp: string, appSecret: string) =>
  encodeURIComponent(
    createHmac('sha256', appSecret).update(`appKey${appKey}timestamp${timestamp}`, 'utf8').digest('base64'),
  )

/** Paths of the YonBIP open API used (relative to the gateway address). */
export const YONBIP = {
  token: '/open-auth/selfAppAuth/getAccessToken',
  customerList: '/yonbip/digitalModel/merchant/list',
  customerSave: '/yonbip/digitalModel/merchant/save',
  receivableList: '/yonbip/fi/arbill/list',
  receivableSave: '/yonbip/fi/arbill/save',
  receiptList: '/yonbip/fi/receivebill/list',
} as const

/**
 * Yonyou 用友 YonBIP open API (a self-built app, 自建应用): `GET <gateway>/open-auth/selfAppAuth/
 * getAccessToken?appKey&timestamp&signature` answers `{code: "00000", data: {access_token, expire}}`;
 * business calls are `POST <gateway>/yonbip/…?access_token=…` with `{data: …}` (saves) or paging
 * parameters (lists) and answer `{code: "200", message, data}` — any other code is an error in the
 * system's own words (`message`).
 */
export class YonyouConnector implements FinanceConnector {
  private token: string | null = null
  private readonly base: string

  constructor(
    baseUrl: string,
    private readonly creds: Creds,
    private readonly sink: CallSink,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = baseUrl.replace(/\/+$/, '')
  }

  private record(
    document: FinanceDocument,
    operation: string,
    request: unknown,
    answer: unknown,
    error: string | null,
  ) {
    const secrets = [this.creds.appSecret, ...(this.token ? [this.token] : [])]
    this.sink({
      document,
      operation,
      ok: !error,
      error,
      request: redact(request, secrets),
      response: redact(answer, secrets),
    })
  }

  private async accessToken(document: FinanceDocument): Promise<string> {
    if (this.token) return this.token
    const timestamp = String(Date.now())
    const signature = yonbipSignature(this.creds.appKey, timestamp, this.creds.appSecret)
    const url = `${this.base}${YONBIP.token}?appKey=${encodeURIComponent(this.creds.appKey)}&timestamp=${timestamp}&signature=${signature}`
    let res: HttpAnswer
    try {
      res = await httpCall(url, { method: 'GET' }, this.timeoutMs)
    } catch (err) {
      this.record(document, 'getAccessToken', { url }, null, (err as Error).message)
      throw err
    }
    const b = (res.body ?? {}) as { code?: string; message?: string; data?: { access_token?: string } }
    if (b.code !== '00000' || !b.data?.access_token) {
      const message = b.message || `HTTP ${res.status}: ${res.text.slice(0, 300)}`
      this.record(document, 'getAccessToken', { url }, res.body, message)
      throw new FinanceError(message, res.status >= 500 ? 'transport' : 'auth')
    }
    this.token = b.data.access_token
    this.record(document, 'getAccessToken', { url }, res.body, null)
    return this.token
  }

  private async call(document: FinanceDocument, path: string, body: unknown): Promise<unknown> {
    const token = await this.accessToken(document)
    const url = `${this.base}${path}?access_token=${encodeURIComponent(token)}`
    let res: HttpAnswer
    try {
      res = await httpCall(url, { method: 'POST', body }, this.timeoutMs)
    } catch (err) {
      this.record(document, path, { url, body }, null, (err as Error).message)
      throw err
    }
    const b = (res.body ?? {}) as { code?: string; message?: string; data?: unknown }
    if (b.code !== '200') {
      const message = b.message || `HTTP ${res.status}: ${res.text.slice(0, 300)}`
      this.record(document, path, { url, body }, res.body, message)
      const kind =
        res.status >= 500 && !b.message
          ? 'transport'
          : /已存在|重复/.test(message)
            ? 'duplicate'
            : 'validation'
      throw new FinanceError(message, kind)
    }
    this.record(document, path, { url, body }, res.body, null)
    return b.data
  }

  async testConnection() {
    await this.accessToken('test')
    return `Access token issued for appKey ${this.creds.appKey}`
  }

  async upsertCustomer(c: FinanceCustomer) {
    const list = (await this.call('customer', YONBIP.customerList, {
      pageIndex: 1,
      pageSize: 1,
      ...(c.creditCode ? { creditCode: c.creditCode } : { name: c.name }),
    })) as { recordList?: { id: string; code: string }[] }
    const found = list?.recordList?.[0]
    if (found) return { code: found.code, created: false }
    const saved = (await this.call('customer', YONBIP.customerSave, {
      data: {
        _status: 'Insert',
        name: { zh_CN: c.name },
        ...(c.creditCode ? { creditCode: c.creditCode } : {}),
        createOrg: this.creds.orgCode ?? 'global00',
      },
    })) as { id?: string; code?: string }
    if (!saved?.code) throw new FinanceError('The customer save answered no code', 'protocol')
    return { code: saved.code, created: true }
  }

  async pushReceivable(doc: ReceivableDoc, customerCode: string): Promise<PushResult> {
    const list = (await this.call('receivable', YONBIP.receivableList, {
      pageIndex: 1,
      pageSize: 1,
      code: doc.number,
    })) as { recordList?: { id: string; code: string }[] }
    const found = list?.recordList?.[0]
    if (found) return { externalId: String(found.id), billNumber: found.code, existed: true }
    const saved = (await this.call('receivable', YONBIP.receivableSave, {
      data: {
        _status: 'Insert',
        code: doc.number,
        billDate: doc.date,
        expireDate: doc.dueDate,
        financeOrg_code: this.creds.orgCode ?? 'global00',
        customer_code: customerCode,
        currency_code: doc.currency,
        oriSum: Number(doc.amount),
        description: doc.notes ?? '',
        bodyItem: doc.lines.map((l) => ({
          _status: 'Insert',
          oriSum: Number(l.amount),
          expireDate: l.dueDate,
          description: l.description,
        })),
      },
    })) as { id?: string; code?: string }
    if (!saved?.id) throw new FinanceError('The receivable save answered no id', 'protocol')
    return { externalId: String(saved.id), billNumber: saved.code ?? doc.number, existed: false }
  }

  async fetchReceipts(since: string): Promise<Receipt[]> {
    const out: Receipt[] = []
    for (let page = 1; ; page++) {
      const data = (await this.call('receipts', YONBIP.receiptList, {
        pageIndex: page,
        pageSize: 500,
        open_billDate_begin: since,
        verifyState: ['2'],
      })) as {
        recordList?: {
          id: string
          code: string
          billDate: string
          oriSum: number
          currency_code?: string
          srcBillNo?: string | null
        }[]
        pageCount?: number
      }
      for (const r of data?.recordList ?? [])
        out.push({
          externalId: String(r.id),
          billNumber: r.code,
          date: String(r.billDate).slice(0, 10),
          amount: Number(r.oriSum).toFixed(2),
          currency: r.currency_code || 'CNY',
          sourceNumber: r.srcBillNo ?? null,
        })
      if (!data?.pageCount || page >= data.pageCount) return out
    }
  }
}
