import { afterEach, describe, expect, it } from 'vitest'
import { mobileNumber, sendSms, type SmsConfig } from './sms.sender'
import { startAliyunSms, startTencentSms } from './test-servers'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

const to = mobileNumber('13800138000')!
const params = { number: 'TK-10001', subject: '无法登录 (Login fails) *urgent*' }
const opts = { timeoutMs: 5000 }

async function aliyun(answer?: Parameters<typeof startAliyunSms>[1]) {
  const srv = await startAliyunSms({ LTAI5tTest: 'aliyun-secret' }, answer)
  closers.push(srv.close)
  const config: SmsConfig = {
    provider: 'aliyun',
    enabled: true,
    accessKeyId: 'LTAI5tTest',
    accessKeySecret: 'aliyun-secret',
    signName: '开放客户',
    templateCode: 'SMS_123456789',
    baseUrl: srv.url,
  }
  return { srv, config }
}

async function tencent(answer?: Parameters<typeof startTencentSms>[1]) {
  const srv = await startTencentSms({ AKIDtest: 'tencent-secret' }, answer)
  closers.push(srv.close)
  const config: SmsConfig = {
    provider: 'tencent',
    enabled: true,
    accessKeyId: 'AKIDtest',
    accessKeySecret: 'tencent-secret',
    signName: '开放客户',
    templateCode: '1234567',
    region: 'ap-guangzhou',
    sdkAppId: '1400000001',
    baseUrl: srv.url,
  }
  return { srv, config }
}

describe('Aliyun SMS SendSms', () => {
  it('sends a request the provider accepts, with the documented parameters', async () => {
    const { srv, config } = await aliyun()
    const r = await sendSms(config, { to, params }, opts)
    expect(r).toMatchObject({ ok: true, status: 200 })
    expect(srv.received).toHaveLength(1)
    const p = srv.received[0]!.params
    expect(srv.received[0]!.signatureOk).toBe(true)
    expect(p).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      PhoneNumbers: '13800138000',
      SignName: '开放客户',
      TemplateCode: 'SMS_123456789',
      Format: 'JSON',
    })
    expect(JSON.parse(p.TemplateParam!)).toEqual(params)
    expect(p.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  it('gives each request its own nonce (the provider refuses a repeated one)', async () => {
    const { srv, config } = await aliyun()
    expect((await sendSms(config, { to, params }, opts)).ok).toBe(true)
    expect((await sendSms(config, { to, params }, opts)).ok).toBe(true)
    const again = await sendSms(
      config,
      { to, params },
      { ...opts, nonce: srv.received[0]!.params.SignatureNonce },
    )
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining('SignatureNonceUsed') })
  })

  it('reports a wrong secret with the provider’s own message', async () => {
    const { config } = await aliyun()
    const r = await sendSms({ ...config, accessKeySecret: 'wrong' }, { to, params }, opts)
    expect(r.ok).toBe(false)
    expect(r.error).toMatch(
      /^Aliyun SMS refused the message \(SignatureDoesNotMatch\): Specified signature is not matched/,
    )
  })

  it('reports a refusal answered with HTTP 200 (Code is not OK)', async () => {
    const { config } = await aliyun(() => ({
      body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10', RequestId: 'x' },
    }))
    const r = await sendSms(config, { to, params }, opts)
    expect(r).toMatchObject({
      ok: false,
      error: 'Aliyun SMS refused the message (isv.BUSINESS_LIMIT_CONTROL): 触发号码天级流控Permits:10',
    })
  })

  it('writes international numbers with their country code and no plus', async () => {
    const { srv, config } = await aliyun()
    await sendSms(config, { to: mobileNumber('+852 6123 4567')!, params }, opts)
    expect(srv.received[0]!.params.PhoneNumbers).toBe('85261234567')
  })

  it('says which address it could not reach', async () => {
    const { config } = await aliyun()
    const r = await sendSms({ ...config, baseUrl: 'http://127.0.0.1:1/' }, { to, params }, opts)
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^Could not reach 127\.0\.0\.1:1/) })
  })
})

describe('Tencent Cloud SMS SendSms', () => {
  it('sends a request signed with TC3-HMAC-SHA256 that the provider accepts', async () => {
    const { srv, config } = await tencent()
    const r = await sendSms(config, { to, params }, opts)
    expect(r).toMatchObject({ ok: true, status: 200 })
    const got = srv.received[0]!
    expect(got.signatureOk).toBe(true)
    expect(got.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
    })
    expect(got.body).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400000001',
      SignName: '开放客户',
      TemplateId: '1234567',
      TemplateParamSet: ['TK-10001', '无法登录 (Login fails) *urgent*'],
    })
  })

  it('signs with the clock it is given', async () => {
    const { srv, config } = await tencent()
    const r = await sendSms(config, { to, params }, { ...opts, now: new Date('2026-12-06T23:59:59+08:00') })
    expect(r.ok).toBe(true)
    expect(srv.received[0]!.headers['x-tc-timestamp']).toBe(String(Date.parse('2026-12-06T15:59:59Z') / 1000))
    expect(srv.received[0]!.headers.authorization).toContain('/2026-12-06/sms/tc3_request')
  })

  it('reports a wrong secret with the provider’s own message (Response.Error)', async () => {
    const { config } = await tencent()
    const r = await sendSms({ ...config, accessKeySecret: 'wrong' }, { to, params }, opts)
    expect(r).toMatchObject({
      ok: false,
      error:
        'Tencent Cloud SMS refused the message (AuthFailure.SignatureFailure): The provided credentials could not be validated. Please check your signature is correct.',
    })
  })

  it('reports a number the provider refused (a SendStatusSet entry that is not Ok)', async () => {
    const { config } = await tencent((r) => ({
      body: {
        Response: {
          SendStatusSet: [
            {
              SerialNo: '',
              PhoneNumber: r.body.PhoneNumberSet[0],
              Fee: 0,
              SessionContext: '',
              Code: 'FailedOperation.TemplateIncorrectOrUnapproved',
              Message:
                'template is not approved or request content does not match the approved template content',
              IsoCode: 'CN',
            },
          ],
          RequestId: 'x',
        },
      },
    }))
    const r = await sendSms(config, { to, params }, opts)
    expect(r).toMatchObject({
      ok: false,
      error:
        'Tencent Cloud SMS refused the message to +8613800138000 (FailedOperation.TemplateIncorrectOrUnapproved): template is not approved or request content does not match the approved template content',
    })
  })
})

describe('mobileNumber', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['0086 13800138000', '+8613800138000'],
    ['+852 6123 4567', '+85261234567'],
    ['+1 (415) 555-0100', '+14155550100'],
  ])('reads %j as %s', (raw, e164) => expect(mobileNumber(raw)?.e164).toBe(e164))

  it.each([[''], [null], ['010-62345678'], ['+86 10 6234 5678'], ['12345'], ['call me']])(
    'finds no mobile in %j',
    (raw) => expect(mobileNumber(raw)).toBeNull(),
  )
})
