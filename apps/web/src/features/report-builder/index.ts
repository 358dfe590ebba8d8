export { ReportView, type ReportViewProps } from './ReportView'
export { ReportKpi } from './ReportKpi'
export { ReportTable, ReportPivot } from './ReportTable'
export { chartPngOf } from './ReportCanvas'
export {
  downloadChartPng,
  downloadResultCsv,
  downloadResultXlsx,
  resultCsv,
  resultXlsx,
} from './report-export'
export { formatMeasure, groupLabel, bucketLabel } from './report-format'
export { useFormatContext } from './use-format'
export { ReportCanvas, type ReportChartOption, type ChartClick } from './ReportCanvas'
export { DrillDrawer, type DrillTarget } from './DrillDrawer'
export { ExportButtons } from './ExportButtons'
export { useReportFields, type ReportFieldInfo } from './report-builder.queries'
