import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { editable, id, requiredRef } from './columns';

/** A prefecture is the tenant: every other row belongs to exactly one. */
export const prefectures = pgTable('prefectures', {
  id: id(),
  /** Two-digit JIS prefecture code, e.g. '07' for Fukushima. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  ...editable(),
});

/** Broad regions (e.g. 中通り / 会津 / 浜通り) used for seminars and reporting. */
export const regions = pgTable(
  'regions',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [uniqueIndex('regions_prefecture_name').on(t.prefectureId, t.name)],
);

/** The prefecture's administrative areas (e.g. 県北, 会津), each inside one region. */
export const areas = pgTable(
  'areas',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    regionId: requiredRef('region_id', () => regions.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [uniqueIndex('areas_prefecture_name').on(t.prefectureId, t.name)],
);

export const municipalities = pgTable(
  'municipalities',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    /** Six-digit 全国地方公共団体コード including its check digit. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameKana: text('name_kana').notNull(),
    nameEn: text('name_en').notNull(),
    /** 'city' | 'town' | 'village' | 'ward' (市/町/村/区). */
    kind: text('kind').notNull(),
    areaId: requiredRef('area_id', () => areas.id),
    /** One of the twelve municipalities of the 2011 evacuation area (Fukushima-specific data, generic flag). */
    isEvacuationArea: boolean('is_evacuation_area').notNull().default(false),
    /** Left empty until filled from an official source; never estimated. */
    population: integer('population'),
    populationSource: text('population_source'),
    ...editable(),
  },
  (t) => [index('municipalities_prefecture').on(t.prefectureId), index('municipalities_area').on(t.areaId)],
);
