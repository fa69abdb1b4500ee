import { describe, expect, it } from 'vitest';
import { reachMatrix } from './reach-matrix';
import type { ReachRow } from './types';

const nishiaizu = { id: 'm1', name: '西会津町', nameEn: 'Nishiaizu' };
const koriyama = { id: 'm2', name: '郡山市', nameEn: 'Koriyama' };
const row = (
  partial: Partial<ReachRow> & Pick<ReachRow, 'municipality' | 'fiscalYear' | 'audience'>,
): ReachRow => ({
  registered: true,
  attended: false,
  watchedArchive: false,
  isReached: false,
  ...partial,
});

describe('reachMatrix', () => {
  it('puts heads and staff of one municipality and year on one row, newest year first', () => {
    const matrix = reachMatrix([
      row({ municipality: nishiaizu, fiscalYear: 2023, audience: 'heads' }),
      row({ municipality: nishiaizu, fiscalYear: 2024, audience: 'staff', attended: true }),
      row({ municipality: koriyama, fiscalYear: 2024, audience: 'heads' }),
      row({ municipality: nishiaizu, fiscalYear: 2024, audience: 'heads', watchedArchive: true }),
    ]);
    expect(matrix.map((m) => [m.fiscalYear, m.municipality.name])).toEqual([
      [2024, '西会津町'],
      [2024, '郡山市'],
      [2023, '西会津町'],
    ]);
    expect(matrix[0]?.staff?.attended).toBe(true);
    expect(matrix[0]?.heads?.watchedArchive).toBe(true);
    expect(matrix[1]?.staff).toBeUndefined();
  });
});
