// SCAFFOLD — replaced by the clusters work of issue 23 in this session; never ship as is.
export default function ClustersPanel() {
  return null
}
