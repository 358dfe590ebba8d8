import { describe, expect, it } from 'vitest'
import { redact, REDACTED } from './redact'

describe('redact', () => {
  it('replaces credentials by key, in addresses and wherever a known secret appears', () => {
    const out = redact(
      {
        acctid: 'ACC1',
        appsecret: 's3cr3t-value',
        headers: { Cookie: 'kdservice-sessionid=abc', 'content-type': 'application/json' },
        url: 'http://x/getAccessToken?appKey=k&timestamp=1&signature=abc%3D',
        nested: [{ note: 'echo s3cr3t-value back', KDSVCSessionId: 'abc' }],
        amount: 12,
      },
      ['s3cr3t-value'],
    )
    expect(out).toEqual({
      acctid: 'ACC1',
      appsecret: REDACTED,
      headers: { Cookie: REDACTED, 'content-type': 'application/json' },
      url: `http://x/getAccessToken?appKey=k&timestamp=1&signature=${REDACTED}`,
      nested: [{ note: `echo ${REDACTED} back`, KDSVCSessionId: REDACTED }],
      amount: 12,
    })
  })

  it('leaves plain business data alone', () => {
    const doc = { FBillNo: 'CT-1', FEntityPlan: [{ FPAYAMOUNTFOR: 100 }] }
    expect(redact(doc)).toEqual(doc)
  })
})
