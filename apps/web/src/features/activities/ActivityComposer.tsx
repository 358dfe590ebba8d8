import { useState } from 'react'
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Segmented, Select } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError, get, post, type Page } from '../../shared/api/client'

/** The kinds the composer offers, the everyday ones first. */
export const composerKinds = ['note', 'call', 'meeting', 'email', 'visit'] as const
export type ComposerKind = (typeof composerKinds)[number]

type Values = {
  kind: ComposerKind
  subject?: string
  contactIds?: string[]
  opportunityId?: string | null
  occurredAt?: Dayjs | null
  durationMinutes?: number | null
  body?: string
}

export type ComposerProps = {
  /** The account; none for a record without one (a lead before conversion): no contacts or deal then. */
  accountId?: string | null
  /** The record the activity is about, when it is not the account itself (a lead, a contract, …). */
  related?: { type: string; id: string }
  /** The kind chosen first. */
  kind?: ComposerKind
  /** Contacts ticked at the start (the contact page's own contact). */
  contactIds?: string[]
  /** The deal chosen at the start (the deal page's own deal). */
  opportunityId?: string
  /** Called with the activity saved. */
  onSaved?: (activity: Record<string, unknown>) => void
  onCancel?: () => void
  /** A compact form (on a timeline): kind, people, notes; the rest one click away. */
  compact?: boolean
}

/** The account's contacts (names, for the "with" picker) and its open deals (nothing without an account). */
export function useAccountPeople(accountId: string | null | undefined) {
  const contacts = useQuery({
    queryKey: ['contacts', 'of-account', accountId],
    enabled: !!accountId,
    queryFn: () =>
      get<Page<{ id: string; name: string; title?: string | null; leftAt?: string | null }>>('/contacts', {
        accountId,
        limit: 500,
        sort: 'name',
      }),
  })
  const deals = useQuery({
    queryKey: ['opportunities', 'open-of-account', accountId],
    enabled: !!accountId,
    queryFn: () =>
      get<Page<{ id: string; name: string; stage: string }>>('/opportunities', {
        accountId,
        status: 'open',
        limit: 200,
      }),
  })
  return { contacts, deals }
}

/** A subject when none was typed: the notes' first line, else "Meeting with A, B", else the kind. */
export function subjectFor(
  v: Pick<Values, 'subject' | 'body' | 'kind'>,
  names: string[],
  t: (k: string, o?: Record<string, unknown>) => string,
) {
  const typed = v.subject?.trim()
  if (typed) return typed
  const line = v.body?.trim().split('\n')[0]?.trim()
  if (line) return line.length > 80 ? `${line.slice(0, 79)}…` : line
  const kind = t(`enums.activityKind.${v.kind}`)
  return names.length ? t('activities.composer.withNames', { kind, names: names.join(', ') }) : kind
}

/**
 * The timeline's composer: a note, a call, a meeting… with the account's contacts who took part, one of its
 * open deals, when, how long, and the minutes. Saves an activity (POST /activities); the contacts' last
 * contact, the decision map and every feed naming them follow.
 */
export function ActivityComposer({
  accountId,
  related,
  kind = 'note',
  contactIds,
  opportunityId,
  onSaved,
  onCancel,
  compact,
}: ComposerProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [more, setMore] = useState(!compact)
  const { contacts, deals } = useAccountPeople(accountId)
  const chosenKind = Form.useWatch('kind', form) ?? kind
  const initial: Values = {
    kind,
    contactIds: contactIds ?? [],
    opportunityId: opportunityId ?? null,
    occurredAt: dayjs(),
    durationMinutes: kind === 'meeting' ? 60 : kind === 'call' ? 15 : null,
  }

  const submit = async (v: Values) => {
    if (!v.subject?.trim() && !v.body?.trim() && !(v.contactIds ?? []).length) {
      form.setFields([{ name: 'body', errors: [t('activities.composer.emptyNote')] }])
      return
    }
    const names = (v.contactIds ?? []).map((id) => contacts.data?.data.find((c) => c.id === id)?.name ?? '')
    const body = {
      ...(accountId ? { accountId } : {}),
      ...(related ? { relatedType: related.type, relatedId: related.id } : {}),
      kind: v.kind,
      subject: subjectFor(v, names.filter(Boolean), t),
      contactIds: v.contactIds ?? [],
      ...(v.opportunityId ? { opportunityId: v.opportunityId } : {}),
      occurredAt: (v.occurredAt ?? dayjs()).toISOString(),
      ...(v.durationMinutes != null ? { durationMinutes: v.durationMinutes } : {}),
      ...(v.body?.trim() ? { body: v.body.trim() } : {}),
    }
    setBusy(true)
    try {
      const saved = await post<Record<string, unknown>>('/activities', body)
      void message.success(t('activities.composer.saved'))
      form.resetFields()
      form.setFieldsValue({ ...initial, occurredAt: dayjs() })
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['activities'] }),
        qc.invalidateQueries({ queryKey: ['360'] }),
        qc.invalidateQueries({ queryKey: ['contacts'] }),
        qc.invalidateQueries({ queryKey: ['decision-map'] }),
      ])
      onSaved?.(saved)
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        form.setFields(
          e.errors.map((x) => ({ name: x.path.split('.')[0] as keyof Values, errors: [x.message] })),
        )
      else void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const contactOptions = (contacts.data?.data ?? [])
    .filter((c) => !c.leftAt || contactIds?.includes(c.id))
    .map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))
  const dealOptions = (deals.data?.data ?? []).map((d) => ({
    value: d.id,
    label: `${d.name} · ${t(`enums.stage.${d.stage}`)}`,
  }))
  // The deal of the page, even when it is not open any more.
  if (opportunityId && !dealOptions.some((o) => o.value === opportunityId) && deals.isSuccess)
    dealOptions.unshift({ value: opportunityId, label: t('activities.composer.deal') })

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void submit(v)}
      data-testid="activity-composer"
      className="activity-composer"
    >
      <Form.Item name="kind" style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={t('activities.composer.kind')}
          options={composerKinds.map((k) => ({ value: k, label: t(`enums.activityKind.${k}`) }))}
          onChange={(k) => {
            // A call or a meeting suggests its usual length until one is typed.
            if (!form.isFieldTouched('durationMinutes'))
              form.setFieldValue('durationMinutes', k === 'meeting' ? 60 : k === 'call' ? 15 : null)
          }}
        />
      </Form.Item>
      {accountId && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="contactIds" label={t('activities.composer.contacts')}>
              <Select
                mode="multiple"
                allowClear
                aria-label={t('activities.composer.contacts')}
                data-testid="composer-contacts"
                placeholder={t('activities.composer.contactsPlaceholder')}
                optionFilterProp="label"
                loading={contacts.isLoading}
                options={contactOptions}
                notFoundContent={contacts.isSuccess ? t('activities.composer.noContacts') : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="opportunityId" label={t('activities.composer.deal')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label={t('activities.composer.deal')}
                data-testid="composer-deal"
                placeholder={t('activities.composer.dealPlaceholder')}
                loading={deals.isLoading}
                options={dealOptions}
                notFoundContent={deals.isSuccess ? t('activities.composer.noDeals') : undefined}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
      {more && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="subject" label={t('activities.composer.subject')}>
              <Input maxLength={300} placeholder={t('activities.composer.subjectPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={14} md={7}>
            <Form.Item name="occurredAt" label={t('activities.composer.when')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={10} md={5}>
            <Form.Item name="durationMinutes" label={t('activities.composer.duration')}>
              <InputNumber min={0} max={24 * 60} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="body" label={t('activities.composer.body')}>
        <Input.TextArea
          rows={chosenKind === 'meeting' ? 4 : 3}
          maxLength={50_000}
          placeholder={t('activities.composer.bodyPlaceholder')}
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
        {!more && (
          <Button type="link" onClick={() => setMore(true)}>
            {t('activities.composer.more')}
          </Button>
        )}
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('activities.composer.save')}
        </Button>
      </div>
    </Form>
  )
}

/** The composer in a dialog (the 360° page's "log a call / meeting"). */
export function ActivityComposerModal({
  open,
  title,
  onClose,
  ...props
}: ComposerProps & { open: boolean; title: string; onClose: () => void }) {
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <ActivityComposer
        {...props}
        onCancel={onClose}
        onSaved={(a) => {
          props.onSaved?.(a)
          onClose()
        }}
      />
    </Modal>
  )
}
