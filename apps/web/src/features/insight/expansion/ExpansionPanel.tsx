// SCAFFOLD — replaced by the expansion work of issue 23 in this session; never ship as is.
export default function ExpansionPanel() {
  return null
}
