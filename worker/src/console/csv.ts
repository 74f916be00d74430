/**
 * CSV for spreadsheets (RFC 4180, CRLF). A cell that starts with =, +, -, @ (or a tab or
 * carriage return) is prefixed with ' so a spreadsheet shows it as text instead of running
 * it as a formula (OWASP "CSV injection"); "+91…" mobiles read as '+91… there.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: Array<string | number | null>): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
