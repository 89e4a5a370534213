/**
 * One CSV cell (RFC 4180 quoting). A leading = + - @ makes spreadsheets evaluate the cell, and
 * patient-supplied text must never run, so such cells are prefixed with an apostrophe.
 * @param value - the cell text
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV document: header row, then one row per record, CRLF line ends.
 * @param header - column names
 * @param rows - cell texts, in header order
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header.join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
