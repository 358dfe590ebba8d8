// SCAFFOLD — replaced by the cohorts work of issue 23 in this session; never ship as is.
export default function CohortsPanel() {
  return null
}
