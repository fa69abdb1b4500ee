import type { ReachRow } from './types';

export interface ReachMatrixRow {
  fiscalYear: number;
  municipality: ReachRow['municipality'];
  heads: ReachRow | undefined;
  staff: ReachRow | undefined;
}

/**
 * One table row per year and municipality, with the heads' and the staff's
 * reach side by side; newest year first, then in the order the server gave
 * (the municipality code order).
 */
export function reachMatrix(rows: readonly ReachRow[]): ReachMatrixRow[] {
  const byKey = new Map<string, ReachMatrixRow>();
  for (const row of rows) {
    const key = `${row.fiscalYear}:${row.municipality.id}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        fiscalYear: row.fiscalYear,
        municipality: row.municipality,
        heads: undefined,
        staff: undefined,
      };
      byKey.set(key, entry);
    }
    entry[row.audience] = row;
  }
  return [...byKey.values()].sort((a, b) => b.fiscalYear - a.fiscalYear);
}
