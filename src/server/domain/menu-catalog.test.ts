import { describe, expect, it } from 'vitest';
import { type CatalogEntry, filterCatalog } from './menu-catalog';

const menu = (title: string, o: Partial<CatalogEntry> = {}): CatalogEntry => ({
  title,
  description: '',
  organizationName: 'デモ情報システム株式会社',
  challengeAreas: ['bpr'],
  format: 'online',
  unitCostThousandYen: 1000,
  regions: [],
  ...o,
});

const menus = [
  menu('RPA試行導入支援', { challengeAreas: ['ai_rpa', 'bpr'], unitCostThousandYen: 600 }),
  menu('情報セキュリティ対策支援', { challengeAreas: ['security'], format: 'onsite' }),
  menu('ITリテラシー向上研修（基礎編）', { challengeAreas: ['it_literacy'], regions: [{ id: 'aizu' }] }),
  menu('ITリテラシー向上研修（実践編）', { challengeAreas: ['it_literacy'], regions: [{ id: 'hama' }] }),
];
const titles = (list: CatalogEntry[]) => list.map((m) => m.title);

describe('catalog filters', () => {
  it('without a filter: every menu, in Japanese title order', () => {
    expect(titles(filterCatalog(menus, {}))).toEqual([
      'ITリテラシー向上研修（基礎編）',
      'ITリテラシー向上研修（実践編）',
      'RPA試行導入支援',
      '情報セキュリティ対策支援',
    ]);
  });

  it('filters by area, format and maximum cost', () => {
    expect(titles(filterCatalog(menus, { area: 'bpr' }))).toEqual(['RPA試行導入支援']);
    expect(titles(filterCatalog(menus, { format: 'onsite' }))).toEqual(['情報セキュリティ対策支援']);
    expect(titles(filterCatalog(menus, { maxCost: 600 }))).toEqual(['RPA試行導入支援']);
    expect(filterCatalog(menus, { maxCost: 0 })).toEqual([]);
  });

  it('a region keeps menus for that region and those for the whole prefecture', () => {
    expect(titles(filterCatalog(menus, { regionId: 'aizu' }))).toEqual([
      'ITリテラシー向上研修（基礎編）',
      'RPA試行導入支援',
      '情報セキュリティ対策支援',
    ]);
  });

  it('free text matches title, description and company, ignoring case', () => {
    expect(titles(filterCatalog(menus, { q: 'rpa' }))).toEqual(['RPA試行導入支援']);
    expect(filterCatalog(menus, { q: 'デモ情報' })).toHaveLength(4);
    expect(filterCatalog(menus, { q: '該当なし' })).toEqual([]);
  });
});
