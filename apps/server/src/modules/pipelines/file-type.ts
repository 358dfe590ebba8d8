import { allowedFileTypes } from '@openkam/contract'

export type FileExt = keyof typeof allowedFileTypes

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ZIP = [0x50, 0x4b]
/** The first bytes each kind of file starts with; text files must merely hold no NUL byte. */
const signatures: Record<FileExt, number[][] | 'text'> = {
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  doc: [OLE],
  xls: [OLE],
  ppt: [OLE],
  docx: [ZIP],
  xlsx: [ZIP],
  pptx: [ZIP],
  zip: [ZIP],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  txt: 'text',
  csv: 'text',
}

const startsWith = (head: Uint8Array, sig: number[]) => sig.every((b, i) => head[i] === b)

/** A file name safe to store and send back: no folders, no control characters, at most 200 characters. */
export function safeFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  if (!base) return 'file'
  if (base.length <= 200) return base
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : ''
  return base.slice(0, 200 - ext.length) + ext
}

export type FileVerdict = { ok: true; ext: FileExt; contentType: string } | { ok: false; message: string }

/**
 * Whether an upload is a kind of file the server keeps: its extension is one of the allowed types and its
 * first bytes are what such a file starts with (a renamed program or web page is refused).
 * @example checkFileType('proposal.pdf', Buffer.from('%PDF-1.7')) // → { ok: true, ext: 'pdf', contentType: 'application/pdf' }
 */
export function checkFileType(name: string, head: Uint8Array): FileVerdict {
  const dot = name.lastIndexOf('.')
  const ext = (dot >= 0 ? name.slice(dot + 1) : '').toLowerCase()
  const allowed = Object.keys(allowedFileTypes).join(', ')
  if (!(ext in allowedFileTypes))
    return {
      ok: false,
      message: `${ext ? `.${ext} files are` : 'Files without an extension are'} not accepted; upload one of: ${allowed}`,
    }
  const e = ext as FileExt
  const sig = signatures[e]
  const fits = sig === 'text' ? !head.subarray(0, 8192).includes(0) : sig.some((s) => startsWith(head, s))
  if (!fits) return { ok: false, message: `The file's content is not that of a .${e} file` }
  return { ok: true, ext: e, contentType: allowedFileTypes[e] }
}
