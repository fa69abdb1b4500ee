/**
 * One word for each of the prefecture's two divisions (docs/glossary.md), on every page:
 * 地方 = region, the three of the regions table (中通り・会津・浜通り); 地域 = area, the seven of
 * the areas table (県北・県中 …). A label of a `region…` key never says 地域, a label of an
 * `area` key that is a place (not a 課題分野) never says 地方.
 */
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';

function flatten(node: unknown, prefix = ''): [string, string][] {
  if (typeof node !== 'object' || node === null) return [[prefix, String(node)]];
  return Object.entries(node).flatMap(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key));
}

const enByKey = new Map(flatten(en));
const lastSegment = (key: string) => key.slice(key.lastIndexOf('.') + 1);
// Fixed terms that contain 地域 without meaning an area: 避難地域 (the 2011 evacuation area), 地域活性化.
const withoutFixedTerms = (text: string) => text.replaceAll('避難地域', '').replaceAll('地域活性化', '');

describe('地方 and 地域', () => {
  const entries = flatten(ja);

  it('labels every region (中通り・会津・浜通り) 地方', () => {
    const regionKeys = entries.filter(([key]) => /region/i.test(lastSegment(key)) && !/all/i.test(key));
    expect(regionKeys.length).toBeGreaterThan(5);
    expect(regionKeys.filter(([, text]) => withoutFixedTerms(text).includes('地域'))).toEqual([]);
    expect(regionKeys.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        'municipalities.region',
        'surveys.resultsPage.by.region',
        'menus.catalog.region',
      ]),
    );
  });

  it('labels every area (県北・県中 …) 地域, never 地方', () => {
    const areaKeys = entries.filter(
      ([key, text]) => lastSegment(key) === 'area' && !text.includes('分野') && enByKey.get(key) === 'Area',
    );
    expect(areaKeys.map(([key]) => key)).toEqual(
      expect.arrayContaining(['municipalities.area', 'surveys.resultsPage.by.area']),
    );
    expect(areaKeys.filter(([, text]) => text !== '地域')).toEqual([]);
  });

  it('never uses the two words for each other in any sentence', () => {
    // A sentence naming a division by its members must use that division's word.
    const mixed = entries.filter(
      ([, text]) =>
        (/(中通り|浜通り)/.test(text) &&
          withoutFixedTerms(text).includes('地域') &&
          !text.includes('地方')) ||
        (/(県北|県中|県南|相双)/.test(text) && text.includes('地方') && !text.includes('地域')),
    );
    expect(mixed).toEqual([]);
  });
});
