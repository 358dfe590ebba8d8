// SCAFFOLD — replaced by the churn work of issue 23 in this session; never ship as is.
export default function ChurnPanel() {
  return null
}
