import { segmentInWords, unknownSizeLabels, type SegmentWords } from '@openkam/contract'
import type { TFunction } from 'i18next'
import { Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useNames } from '../../shared/api/lookups'
import { optionTagStyle } from './option-colors'
import { recordPathOf } from './paths'
import { valueOf, type Field, type FieldOptionView } from './field'

const enumColors: Record<string, string> = {
  strategic: 'gold',
  growth: 'blue',
  essential: 'default',
  champion: 'green',
  supporter: 'cyan',
  neutral: 'default',
  skeptic: 'orange',
  blocker: 'red',
  won: 'green',
  lost: 'red',
  open: 'blue',
  overdue: 'red',
  paid: 'green',
  urgent: 'red',
  high: 'orange',
  healthy: 'green',
  watch: 'gold',
  at_risk: 'red',
  done: 'green',
  active: 'green',
}

/** Formats money like "¥1,200,000" in the current language. */
export function formatMoney(amount: string | number | null | undefined, currency = 'CNY', lang = 'zh-CN') {
  if (amount === null || amount === undefined || amount === '') return '—'
  return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    Number(amount),
  )
}

export function EnumTag({ group, value }: { group: string; value: string | null | undefined }) {
  const { t } = useTranslation()
  if (!value) return <>—</>
  return <Tag color={enumColors[value]}>{t(`enums.${group}.${value}`, { defaultValue: value })}</Tag>
}

/** Links to several contacts, named from `names` or looked up. */
function ContactLinks({ ids, names }: { ids: string[]; names: Record<string, string> }) {
  const looked = useNames(
    'contacts',
    ids.filter((id) => !names[id]),
  )
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Link to={`/contacts/${id}`}>{names[id] ?? looked.data?.[id] ?? '…'}</Link>
        </span>
      ))}
    </>
  )
}

/** A custom option as a tag in its own colour, with its label (a retired option keeps its label). */
export function OptionTag({ options, value }: { options: FieldOptionView[]; value: string }) {
  const o = options.find((x) => x.value === value)
  return <Tag style={optionTagStyle(o?.color)}>{o?.label ?? value}</Tag>
}

/** Links to records of any collection, named from `names` or looked up. */
function RecordLinks({
  collection,
  ids,
  names,
}: {
  collection: string
  ids: string[]
  names: Record<string, string>
}) {
  const looked = useNames(
    collection,
    ids.filter((id) => !names[id]),
  )
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Link to={recordPathOf(collection, id)}>{names[id] ?? looked.data?.[id] ?? '…'}</Link>
        </span>
      ))}
    </>
  )
}

/** Shows one field of a record; `names` maps referenced ids (users, accounts, contacts…) to names. */
/** A segment's words from the texts of the language shown (the contract's segmentLabel carries both languages). */
const segmentWords = (t: TFunction, lang: string): SegmentWords => {
  const labels = (group: string) => t(`enums.${group}`, { returnObjects: true }) as Record<string, string>
  return {
    industry: labels('industry'),
    sizeBand: labels('sizeBand'),
    demandMaturity: labels('demandMaturity'),
    unknownSize: unknownSizeLabels[lang.startsWith('zh') ? 'zh-CN' : 'en'],
  }
}

export function FieldValue({
  field,
  record,
  names = {},
}: {
  field: Field
  record: Record<string, any>
  names?: Record<string, string>
}) {
  const { i18n, t } = useTranslation()
  const v = valueOf(field, record)
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return <>—</>
  switch (field.type) {
    case 'enum':
      return field.options ? (
        <OptionTag options={field.options} value={v} />
      ) : (
        <EnumTag group={field.enum} value={v} />
      )
    case 'multi_select':
      return (
        <>
          {(v as string[]).map((x) => (
            <OptionTag key={x} options={field.options ?? []} value={x} />
          ))}
        </>
      )
    case 'relation':
      return <RecordLinks collection={field.relation.object} ids={[v].flat() as string[]} names={names} />
    case 'percent':
      return <span className="num">{Number(v).toLocaleString(i18n.language)}%</span>
    case 'url':
      return (
        <a href={String(v)} target="_blank" rel="noreferrer">
          {String(v)}
        </a>
      )
    case 'money':
      return <span className="num">{formatMoney(v.amount, v.currency, i18n.language)}</span>
    case 'decimal':
      return <span className="num">{formatMoney(v, record.currency ?? 'CNY', i18n.language)}</span>
    case 'date':
      return <>{dayjs(v).format('YYYY-MM-DD')}</>
    case 'datetime':
      return <span title={dayjs(v).format('YYYY-MM-DD HH:mm')}>{dayjs(v).format('YYYY-MM-DD HH:mm')}</span>
    case 'bool':
      return <>{v ? t('common.yes') : t('common.no')}</>
    case 'tags':
      return (
        <>
          {(v as string[]).map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </>
      )
    case 'account':
      return <Link to={`/accounts/${v}`}>{names[v] ?? '…'}</Link>
    case 'contact':
      return <Link to={`/contacts/${v}`}>{names[v] ?? '…'}</Link>
    case 'opportunity':
      return <Link to={`/opportunities/${v}`}>{names[v] ?? '…'}</Link>
    case 'contacts':
      return <ContactLinks ids={v as string[]} names={names} />
    case 'user':
    case 'team':
      return <>{names[v] ?? '…'}</>
    case 'segment':
      return <>{segmentInWords(String(v), segmentWords(t, i18n.language))}</>
    case 'textarea':
      return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v}</Typography.Paragraph>
    default:
      return <>{String(v)}</>
  }
}
