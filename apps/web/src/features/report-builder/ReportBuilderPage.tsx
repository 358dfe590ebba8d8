import { useMemo, useRef, useState } from 'react'
import { App, Button, Card, Checkbox, Col, InputNumber, Row, Select, Space, Tag, Typography } from 'antd'
import { SaveOutlined, UnorderedListOutlined } from '@ant-design/icons'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { chartTypes, type SavedReport } from '@openkam/contract'
import { ApiError } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { useObjectList } from '../layouts/layouts.queries'
import { DrillDrawer, type DrillTarget } from './DrillDrawer'
import { ExportButtons } from './ExportButtons'
import { FilterList } from './FilterList'
import { GroupByEditor } from './GroupByEditor'
import { MeasureEditor } from './MeasureEditor'
import { errorLines, ReportPreview } from './ReportPreview'
import { useReportFields, useRunReport, useSaveReport, useSavedReport } from './report-builder.queries'
import { draftOf, emptyDraft, toQuery, toSaveBody, type ReportDraft } from './report-draft'
import { groupLabel } from './report-format'
import { SaveReportModal, type SaveMeta } from './SaveReportModal'
import { useDebounced } from './use-debounced'
import { useFormatContext } from './use-format'
import './report-builder.css'

/** /reports/builder (a new report) and /reports/builder/:id (a saved one). */
export default function ReportBuilderPage() {
  const { id } = useParams()
  const saved = useSavedReport(id)
  if (id && saved.isLoading) return <LoadingState />
  if (id && saved.isError) return <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />
  return <Builder key={id ?? 'new'} saved={saved.data} />
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rb-section">
      <h2 className="rb-section-title">{title}</h2>
      {children}
    </section>
  )
}

function Builder({ saved }: { saved: SavedReport | undefined }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const ctx = useFormatContext()
  const [draft, setDraft] = useState<ReportDraft>(() => (saved ? draftOf(saved) : emptyDraft()))
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const [saving, setSaving] = useState<null | 'save' | 'saveAs'>(null)
  const chartRoot = useRef<HTMLDivElement>(null)
  const objects = useObjectList()
  const fields = useReportFields(draft.object || undefined)
  const fieldList = useMemo(() => fields.data?.fields ?? [], [fields.data])
  const query = useMemo(
    () => (fields.data ? toQuery(draft, fieldList) : null),
    [draft, fieldList, fields.data],
  )
  const settled = useDebounced(query, 400)
  const run = useRunReport(settled)
  const save = useSaveReport()
  const result = settled && run.data?.object === settled.object ? run.data : undefined
  const set = (patch: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const name = saved?.name ?? t('reportBuilder.newReport')
  const dirty = useMemo(
    () => !!saved && JSON.stringify(draftOf(saved)) !== JSON.stringify(draft),
    [saved, draft],
  )
  const kpi = draft.chart.type === 'kpi'
  const bars = draft.chart.type === 'bar' || draft.chart.type === 'stacked_bar'

  const openDrill = (group: Record<string, unknown>, measureIndex?: number) => {
    const label = result
      ? result.columns
          .filter((c) => c.role === 'group')
          .map((c) => groupLabel(result, c, group[c.field ?? c.key], ctx))
          .join(' · ')
      : ''
    setDrill({ group, measureIndex, label })
  }

  const onSave = async (meta: SaveMeta) => {
    if (!query) return
    const body = toSaveBody(query, draft, meta)
    try {
      const r =
        saving === 'save' && saved
          ? await save.mutateAsync({ id: saved.id, body: { ...body, version: saved.version } })
          : await save.mutateAsync({ body })
      void message.success(t('reportBuilder.savedMessage'))
      setSaving(null)
      if (r.id !== saved?.id) navigate(`/reports/builder/${r.id}`, { replace: !saved })
    } catch (e) {
      void message.error(
        e instanceof ApiError && e.status === 409 ? t('reportBuilder.conflict') : errorLines(e).join('; '),
      )
    }
  }

  const saveInitial = useMemo<SaveMeta>(
    () => ({
      name:
        saving === 'saveAs' && saved
          ? t('reportBuilder.list.copyOf', { name: saved.name })
          : (saved?.name ?? ''),
      description: saved?.description ?? null,
      dateField: saved?.dateField ?? null,
      sharedWith: saved?.sharedWith ?? { roles: [], teams: [] },
    }),
    [saving, saved, t],
  )

  const hint = !draft.object
    ? t('reportBuilder.startHint')
    : fields.isError
      ? undefined
      : !query && fields.data
        ? t('reportBuilder.view.noMeasure')
        : undefined

  return (
    <div className="rb-page">
      <div className="page-header">
        <div>
          <h1>
            {saved ? saved.name : t('reportBuilder.title')}
            {dirty && (
              <Tag color="orange" className="rb-unsaved">
                {t('reportBuilder.unsaved')}
              </Tag>
            )}
          </h1>
          <Typography.Text type="secondary">
            {saved?.description || t('reportBuilder.subtitle')}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/reports/saved')}>
            {t('reportBuilder.saved')}
          </Button>
          <ExportButtons name={name} result={result} chartType={draft.chart.type} chartRoot={chartRoot} />
          {saved && (
            <Button disabled={!query} onClick={() => setSaving('saveAs')}>
              {t('reportBuilder.saveAs')}
            </Button>
          )}
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!query}
            onClick={() => setSaving(saved ? 'save' : 'saveAs')}
          >
            {t('reportBuilder.save')}
          </Button>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={8}>
          <Card className="rb-panel">
            <Section title={t('reportBuilder.sections.object')}>
              <Select
                aria-label={t('reportBuilder.object')}
                placeholder={t('reportBuilder.chooseObject')}
                showSearch={{ optionFilterProp: 'label' }}
                loading={objects.isLoading}
                value={draft.object || undefined}
                options={(objects.data?.data ?? []).map((o) => ({ value: o.key, label: o.pluralLabel }))}
                onChange={(object) => setDraft({ ...emptyDraft(object), chart: draft.chart })}
                style={{ width: '100%' }}
              />
              {fields.isError && <ErrorState error={fields.error} onRetry={() => void fields.refetch()} />}
            </Section>
            {draft.object && fields.isLoading && <LoadingState rows={4} />}
            {fields.data && (
              <>
                <Section title={t('reportBuilder.sections.filters')}>
                  <FilterList
                    fields={fieldList}
                    value={draft.filters}
                    onChange={(filters) => set({ filters })}
                    addLabel={t('reportBuilder.addFilter')}
                    emptyText={t('reportBuilder.noFilters')}
                  />
                </Section>
                <Section title={t('reportBuilder.sections.groupBy')}>
                  {kpi ? (
                    <Typography.Text type="secondary">{t('reportBuilder.kpiHint')}</Typography.Text>
                  ) : (
                    <GroupByEditor
                      fields={fieldList}
                      value={draft.groupBy}
                      onChange={(groupBy) => set({ groupBy })}
                    />
                  )}
                </Section>
                <Section title={t('reportBuilder.sections.measures')}>
                  <MeasureEditor
                    fields={fieldList}
                    value={draft.measures}
                    onChange={(measures) => set({ measures })}
                  />
                </Section>
                <Section title={t('reportBuilder.sections.sort')}>
                  <Space wrap>
                    {!kpi && (
                      <Select
                        aria-label={t('reportBuilder.sortBy')}
                        value={draft.sort ?? ''}
                        onChange={(sort) => set({ sort: sort || undefined })}
                        style={{ minWidth: 200 }}
                        options={[
                          { value: '', label: t('reportBuilder.sortNone') },
                          ...(result?.columns ?? []).flatMap((c) => [
                            { value: c.key, label: `${c.label} · ${t('reportBuilder.ascending')}` },
                            { value: `-${c.key}`, label: `${c.label} · ${t('reportBuilder.descending')}` },
                          ]),
                        ]}
                      />
                    )}
                    <InputNumber
                      aria-label={t('reportBuilder.limit')}
                      placeholder={t('reportBuilder.limitHelp')}
                      min={1}
                      max={5000}
                      value={draft.limit ?? null}
                      onChange={(v) => set({ limit: v ? Math.round(v) : undefined })}
                      style={{ width: 140 }}
                    />
                  </Space>
                </Section>
                <Section title={t('reportBuilder.sections.chart')}>
                  <Space wrap>
                    <Select
                      aria-label={t('reportBuilder.sections.chart')}
                      value={draft.chart.type}
                      onChange={(type) =>
                        set({ chart: { type, ...(draft.chart.horizontal ? { horizontal: true } : {}) } })
                      }
                      options={chartTypes.map((c) => ({ value: c, label: t(`reportBuilder.charts.${c}`) }))}
                      style={{ minWidth: 160 }}
                    />
                    {bars && (
                      <Checkbox
                        checked={!!draft.chart.horizontal}
                        onChange={(e) =>
                          set({
                            chart: {
                              type: draft.chart.type,
                              ...(e.target.checked ? { horizontal: true } : {}),
                            },
                          })
                        }
                      >
                        {t('reportBuilder.horizontal')}
                      </Checkbox>
                    )}
                    {kpi && (
                      <Checkbox
                        checked={!!draft.compare}
                        onChange={(e) => set({ compare: e.target.checked })}
                      >
                        {t('reportBuilder.compare')}
                      </Checkbox>
                    )}
                  </Space>
                  {kpi && (
                    <Typography.Paragraph type="secondary" className="rb-small">
                      {t('reportBuilder.compareHelp')}
                    </Typography.Paragraph>
                  )}
                </Section>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={16}>
          <Card title={t('reportBuilder.preview')} className="rb-preview">
            <div ref={chartRoot}>
              <ReportPreview
                result={result}
                loading={run.isLoading || (!!query && !settled)}
                fetching={run.isFetching}
                error={run.isError ? run.error : null}
                chart={draft.chart}
                measures={query?.measures}
                onDrill={openDrill}
                hint={hint}
              />
            </div>
          </Card>
        </Col>
      </Row>
      <DrillDrawer query={settled} target={drill} fields={fieldList} onClose={() => setDrill(null)} />
      <SaveReportModal
        open={saving !== null}
        asNew={saving === 'saveAs' && !!saved}
        initial={saveInitial}
        fields={fieldList}
        saving={save.isPending}
        onSave={(meta) => void onSave(meta)}
        onCancel={() => setSaving(null)}
      />
    </div>
  )
}
