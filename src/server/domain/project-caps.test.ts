import { describe, expect, it } from 'vitest';
import { type CapLimits, checkEdit, checkEntry, type Session } from './project-caps';

const limits: CapLimits = {
  program_onsite_days: 3,
  program_online_hours: 600,
  menu_hours: null,
  menu_onsite_days: 2,
};
const online = (date: string, hours: number): Session => ({ date, mode: 'online', minutes: hours * 60 });
const onsite = (date: string, hours: number): Session => ({ date, mode: 'onsite', minutes: hours * 60 });

describe('project caps', () => {
  it('a new session warns at 80 %, at the cap, and is marked crossing beyond it', () => {
    expect(checkEntry([online('2024-08-01', 4)], online('2024-08-02', 4), limits).warnings).toMatchObject([
      { kind: 'program_online_hours', level: 'near' },
    ]);
    expect(checkEntry([online('2024-08-01', 8)], online('2024-08-02', 3), limits).crossed).toEqual([
      'program_online_hours',
    ]);
  });

  it('an edit is measured against the ledger without the session’s old figures', () => {
    const others = [online('2024-08-01', 4)];
    const previous = online('2024-08-02', 4);
    // 4 + 6 = 10: reaches the cap (a warning), crosses nothing.
    const reach = checkEdit(others, previous, online('2024-08-02', 6), limits);
    expect(reach.crossed).toEqual([]);
    expect(reach.warnings).toMatchObject([{ kind: 'program_online_hours', level: 'reached' }]);
    expect(reach.usage).toMatchObject({ onlineMinutes: 600, sessions: 2 });
    // 4 + 7 = 11 crosses.
    expect(checkEdit(others, previous, online('2024-08-02', 7), limits).crossed).toEqual([
      'program_online_hours',
    ]);
    // Unchanged figures warn about nothing new.
    expect(checkEdit(others, previous, previous, limits).warnings).toEqual([]);
  });

  it('moving a session to another day may add an onsite day; lowering a total over its cap is not crossing', () => {
    const others = [onsite('2024-09-01', 2), onsite('2024-09-02', 2)];
    const sameDay = onsite('2024-09-02', 1);
    expect(checkEdit(others, sameDay, onsite('2024-09-02', 3), limits).crossed).toEqual([]);
    // Moved off a day that keeps another session, it adds a third day: past the menu's two.
    expect(checkEdit(others, sameDay, onsite('2024-09-03', 1), limits).crossed).toEqual(['menu_onsite_days']);
    const over = [...others, onsite('2024-09-03', 2)];
    // The menu's 2 onsite days are already over (approved); shortening a session keeps the days.
    const shorten = checkEdit(over.slice(0, 2), over[2]!, onsite('2024-09-03', 1), limits);
    expect(shorten.crossed).toEqual([]);
    // A session already on a fourth day moved to another day adds no day; an online session
    // turned onsite on a new day does, crossing both day caps.
    expect(checkEdit(over, onsite('2024-09-04', 1), onsite('2024-09-05', 1), limits).crossed).toEqual([]);
    expect(checkEdit(over, online('2024-09-05', 1), onsite('2024-09-05', 1), limits).crossed).toEqual([
      'program_onsite_days',
      'menu_onsite_days',
    ]);
  });
});
