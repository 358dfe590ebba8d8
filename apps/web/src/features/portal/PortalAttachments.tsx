import { Alert, Button, Typography, Upload, type UploadFile } from 'antd'
import { PaperClipOutlined } from '@ant-design/icons'
import type { Dispatch, SetStateAction } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_FILE_BYTES, allowedFileTypes } from '@openkam/contract'
import { ApiError } from '../../shared/api/client'
import { portalApi, type PortalFile } from './portal.queries'

/** A file chosen in the portal: uploading (with progress), uploaded (`response`), or refused (`error`). */
export type Attached = UploadFile<PortalFile>

const MAX_FILES = 10
const MB = MAX_FILE_BYTES / 1024 / 1024
const EXTS = Object.keys(allowedFileTypes)
const extOf = (name: string) => name.split('.').pop()?.toLowerCase() ?? ''

/** The ids of the files uploaded so far, to send as `fileIds`. */
export const uploadedIds = (list: Attached[]) =>
  list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id)
export const stillUploading = (list: Attached[]) => list.some((f) => f.status === 'uploading')

export const fileSize = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`

/**
 * The attach control of the portal's new-ticket form and reply box: files upload at once (progress shown),
 * can be removed before sending, and a refused one says why in words (too large, a type not accepted,
 * signed out), checked first in the browser and then by the server.
 */
export function PortalAttach({
  slug,
  files,
  setFiles,
  disabled,
}: {
  slug: string
  files: Attached[]
  setFiles: Dispatch<SetStateAction<Attached[]>>
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const types = EXTS.join(', ')
  const refuse = (file: File, words: string) => {
    setFiles((fs) => [
      ...fs,
      { uid: `refused-${Date.now()}-${fs.length}`, name: file.name, status: 'error', error: { words } },
    ])
    return Upload.LIST_IGNORE
  }
  const words = (f: Attached): string => {
    const e = f.error as { words?: string } | ApiError | undefined
    if (e && 'words' in e && e.words) return e.words
    if (e instanceof ApiError) {
      if (e.status === 413) return t('portal.files.tooLarge', { name: f.name, mb: MB })
      if (e.status === 415) return t('portal.files.badType', { name: f.name, types })
      if (e.status === 401) return t('portal.files.signedOut')
      if (e.status === 0) return t('portal.files.network', { name: f.name })
      return t('portal.files.failed', { name: f.name, message: e.message })
    }
    return t('portal.files.failed', { name: f.name, message: '' })
  }
  const refused = files.filter((f) => f.status === 'error')
  return (
    <div className="portal-attach">
      <Upload<PortalFile>
        multiple
        disabled={disabled}
        accept={EXTS.map((x) => `.${x}`).join(',')}
        fileList={files}
        onChange={(info) => setFiles(info.fileList)}
        beforeUpload={(file, batch) => {
          const kept = files.filter((f) => f.status !== 'error').length
          if (kept + batch.indexOf(file) >= MAX_FILES)
            return refuse(file, t('portal.files.tooMany', { max: MAX_FILES }))
          if (!EXTS.includes(extOf(file.name)))
            return refuse(file, t('portal.files.badType', { name: file.name, types }))
          if (file.size > MAX_FILE_BYTES)
            return refuse(file, t('portal.files.tooLarge', { name: file.name, mb: MB }))
          if (file.size === 0) return refuse(file, t('portal.files.empty', { name: file.name }))
          return true
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          portalApi(slug)
            .upload(file as File, (percent) => onProgress?.({ percent }))
            .then((stored) => onSuccess?.(stored))
            .catch((e: Error) => onError?.(e))
        }}
        showUploadList={{ showRemoveIcon: true, showDownloadIcon: false, showPreviewIcon: false }}
        itemRender={(node, file) => (
          <div title={file.status === 'error' ? words(file) : undefined}>
            {node}
            {file.status === 'done' && file.response && (
              <Typography.Text type="secondary" className="portal-attach-size">
                {fileSize(file.response.size)}
              </Typography.Text>
            )}
          </div>
        )}
      >
        <Button icon={<PaperClipOutlined />} disabled={disabled}>
          {t('portal.files.attach')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" className="portal-attach-hint">
        {t('portal.files.hint', { max: MAX_FILES, mb: MB })}
      </Typography.Text>
      {refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="portal-attach-errors"
          title={
            <ul>
              {refused.map((f) => (
                <li key={f.uid}>{words(f)}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  )
}

/** The files of a message in the portal, each a download link with its size. */
export function PortalMessageFiles({ slug, files }: { slug: string; files: PortalFile[] }) {
  const { t } = useTranslation()
  if (!files.length) return null
  return (
    <ul className="portal-msg-files" aria-label={t('portal.files.attached')}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={portalApi(slug).fileUrl(f.id)} download={f.name}>
            <PaperClipOutlined /> {f.name}
          </a>{' '}
          <Typography.Text type="secondary">({fileSize(f.size)})</Typography.Text>
        </li>
      ))}
    </ul>
  )
}
