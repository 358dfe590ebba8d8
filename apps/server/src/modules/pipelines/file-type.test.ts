import { describe, expect, it } from 'vitest'
import { checkFileType, safeFileName } from './file-type'

const bytes = (...b: number[]) => Uint8Array.from(b)
const text = (s: string) => new TextEncoder().encode(s)

describe('upload types', () => {
  it.each([
    ['proposal.pdf', text('%PDF-1.7\n'), 'application/pdf'],
    [
      'deck.PPTX',
      bytes(0x50, 0x4b, 3, 4),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['old.doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'application/msword'],
    ['photo.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['shot.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['minutes.txt', text('会议纪要'), 'text/plain'],
    ['numbers.csv', text('a,b\n1,2'), 'text/csv'],
    ['bundle.zip', bytes(0x50, 0x4b, 5, 6), 'application/zip'],
  ])('accepts %s', (name, head, type) => {
    expect(checkFileType(name, head)).toMatchObject({ ok: true, contentType: type })
  })

  it.each([
    ['tool.exe', bytes(0x4d, 0x5a), '.exe files are not accepted'],
    ['README', text('hello'), 'Files without an extension are not accepted'],
    ['page.pdf', text('<html>'), 'not that of a .pdf file'],
    ['fake.docx', text('plain text'), 'not that of a .docx file'],
    ['binary.txt', bytes(0x41, 0x00, 0x42), 'not that of a .txt file'],
  ])('refuses %s', (name, head, message) => {
    const v = checkFileType(name, head)
    expect(v.ok).toBe(false)
    expect(!v.ok && v.message).toContain(message)
  })

  it('keeps names without folders or control characters, and short', () => {
    expect(safeFileName('C:\\Users\\li\\报价单 "final".pdf')).toBe('报价单 final.pdf')
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('a\u0000b\nc.txt')).toBe('abc.txt')
    expect(safeFileName('')).toBe('file')
    const long = safeFileName(`${'x'.repeat(300)}.pdf`)
    expect(long).toHaveLength(200)
    expect(long.endsWith('.pdf')).toBe(true)
  })
})
