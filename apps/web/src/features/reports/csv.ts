export type CsvCell = string | number | null | undefined

const quote = (cell: CsvCell) => {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return String(cell)
  // A text cell starting like a formula would run in a spreadsheet; prefix it so it stays text.
  const formula = /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)
  const safe = formula ? `'${cell}` : cell
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * A CSV document (RFC 4180, CRLF line ends) of a header row and data rows.
 * @example toCsv(['Stage', 'Deals'], [['Discovery', 8]]) // → 'Stage,Deals\r\nDiscovery,8\r\n'
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
}

/** Saves a CSV file; the byte-order mark makes Excel read Chinese text as UTF-8. */
export function downloadCsv(filename: string, csv: string) {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
