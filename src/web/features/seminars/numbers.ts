/**
 * A whole number typed by a person: full-width digits, commas and spaces are
 * accepted (１，３２０ → 1320). Anything else is passed on as typed, so the
 * server's validation names the problem in both languages.
 */
export function parseWholeNumber(value: string): number | string | null {
  const cleaned = value.normalize('NFKC').replace(/[,\s]/g, '');
  if (cleaned === '') return null;
  return /^-?\d+$/.test(cleaned) ? Number(cleaned) : value;
}
