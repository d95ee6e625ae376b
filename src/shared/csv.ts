/**
 * One text field of a CSV file (RFC 4180: a field holding the separator, `"` or a line break is
 * quoted, quotes doubled), safe to open in a spreadsheet: text starting with = + - @ (or tab/CR) is
 * prefixed with `'` so it is never evaluated as a formula (OWASP "CSV injection"). `separator`: `,`
 * unless the file uses another (`;` where the decimal separator is a comma).
 */
const FORMULA = /^[=+\-@\t\r]/;

export function csvText(value: string, separator = ','): string {
  const s = FORMULA.test(value) ? `'${value}` : value;
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
