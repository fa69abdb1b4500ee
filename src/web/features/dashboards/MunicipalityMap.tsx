import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { useI18n } from '../../i18n';
import { useBoundaries } from './api';

/**
 * A category of the map: its fill reads in greyscale by lightness alone, and a pattern (hatching
 * or dots) tells neighbouring categories apart without colour; the legend shows both with the label.
 */
export interface MapCategory {
  key: string;
  label: string;
  colour: string;
  pattern?: 'hatch' | 'dots' | 'cross';
}

export interface MapValue {
  category: string;
  name: string;
  status: string;
}

type Props = { N03_007?: string };
const width = 640;
const height = 520;

function Pattern({ id, category }: { id: string; category: MapCategory }) {
  const ink = '#1a1a1a';
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill={category.colour} />
      {category.pattern === 'hatch' && <path d="M0,8 L8,0" stroke={ink} strokeWidth="1.2" />}
      {category.pattern === 'dots' && <circle cx="4" cy="4" r="1.3" fill={ink} />}
      {category.pattern === 'cross' && <path d="M0,0 L8,8 M8,0 L0,8" stroke="#6b6b6b" strokeWidth="0.8" />}
    </pattern>
  );
}

/** A legend swatch: the same fill as on the map. */
export function Swatch({ category, idPrefix }: { category: MapCategory; idPrefix: string }) {
  return (
    <svg width="28" height="18" aria-hidden="true" className="shrink-0">
      <defs>
        <Pattern id={`${idPrefix}-legend-${category.key}`} category={category} />
      </defs>
      <rect
        x="0.5"
        y="0.5"
        width="27"
        height="17"
        fill={`url(#${idPrefix}-legend-${category.key})`}
        stroke="#1a1a1a"
      />
    </svg>
  );
}

/**
 * The prefecture's municipalities drawn in the browser (d3-geo, topojson-client) from the
 * boundaries the app serves: no tiles, no outside host. Features are matched on N03_007, the
 * five-digit municipality code, so any prefecture's file works. Beside the drawing, a list of
 * buttons (name and status) works the map by keyboard: focusing or choosing one outlines its
 * municipality. The page always has a table alternative as well.
 */
export function MunicipalityMap({
  id,
  title,
  categories,
  statusOf,
}: {
  /** Unique on the page: prefixes the pattern ids. */
  id: string;
  title: string;
  categories: MapCategory[];
  /** The value of a municipality by its five-digit code (undefined: not shown in this view). */
  statusOf: (code5: string) => MapValue | undefined;
}) {
  const { t } = useI18n();
  const boundaries = useBoundaries();
  const [active, setActive] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const shapes = useMemo(() => {
    const topology = boundaries.data;
    if (!topology) return [];
    const object = Object.values(topology.objects)[0] as GeometryCollection<Props> | undefined;
    if (!object) return [];
    const collection = feature(topology as Topology, object) as FeatureCollection<Geometry, Props>;
    const projection = geoMercator().fitSize([width, height], collection);
    const path = geoPath(projection);
    return collection.features.map((f: Feature<Geometry, Props>, i) => ({
      key: `${f.properties?.N03_007 ?? ''}-${i}`,
      code: String(f.properties?.N03_007 ?? ''),
      d: path(f) ?? '',
    }));
  }, [boundaries.data]);
  const byKey = new Map(categories.map((c) => [c.key, c]));
  // Each municipality once, in the order of the file (by code), for the keyboard list.
  const listed = [...new Set(shapes.map((s) => s.code))]
    .map((code) => ({ code, value: statusOf(code) }))
    .filter((x): x is { code: string; value: MapValue } => x.value !== undefined);
  const outlined = active ?? chosen;
  const outlinedValue = outlined ? statusOf(outlined) : undefined;

  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="text-std-18B-160">{title}</figcaption>
      <ul className="flex flex-wrap gap-x-5 gap-y-2" aria-label={t('dashboards.map.legend')}>
        {categories.map((c) => (
          <li key={c.key} className="flex items-center gap-2 text-dns-16N-130">
            <Swatch category={c} idPrefix={id} />
            {c.label}
          </li>
        ))}
      </ul>
      {boundaries.isError ? (
        <p className="text-std-16N-170">{t('dashboards.map.unavailable')}</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
          <div className="flex flex-col gap-2">
            <svg
              aria-hidden="true"
              viewBox={`0 0 ${width} ${height}`}
              className="h-auto w-full max-w-3xl rounded-8 border border-solid-gray-420 bg-white"
            >
              <defs>
                {categories.map((c) => (
                  <Pattern key={c.key} id={`${id}-${c.key}`} category={c} />
                ))}
              </defs>
              {shapes.map((s) => {
                const value = statusOf(s.code);
                const category = value ? byKey.get(value.category) : undefined;
                return (
                  <path
                    key={s.key}
                    d={s.d}
                    fill={category ? `url(#${id}-${category.key})` : '#f2f2f2'}
                    stroke="#4d4d4d"
                    strokeWidth={0.8}
                  >
                    {value && <title>{`${value.name}: ${value.status}`}</title>}
                  </path>
                );
              })}
              {/* The outlined municipality is drawn again on top, so its whole border shows. */}
              {shapes
                .filter((s) => s.code === outlined)
                .map((s) => (
                  <path key={`outline-${s.key}`} d={s.d} fill="none" stroke="#000" strokeWidth={3} />
                ))}
            </svg>
            <p className="min-h-6 text-std-16B-170" aria-live="polite">
              {outlinedValue
                ? t('dashboards.map.focused', { name: outlinedValue.name, status: outlinedValue.status })
                : ''}
            </p>
          </div>
          <div className="flex flex-col gap-2">
            <p className="text-dns-16N-130 text-solid-gray-800">{t('dashboards.map.hint')}</p>
            <ul className="flex max-h-[32rem] flex-col gap-1 overflow-y-auto pr-1" aria-label={title}>
              {listed.map(({ code, value }) => (
                <li key={code}>
                  <button
                    type="button"
                    aria-pressed={chosen === code}
                    className="flex w-full items-center gap-2 rounded-4 px-2 py-1 text-left text-dns-16N-130 hover:bg-solid-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black aria-pressed:bg-solid-gray-100"
                    onFocus={() => setActive(code)}
                    onBlur={() => setActive(null)}
                    onMouseEnter={() => setActive(code)}
                    onMouseLeave={() => setActive(null)}
                    onClick={() => setChosen(chosen === code ? null : code)}
                  >
                    {byKey.get(value.category) && (
                      <Swatch category={byKey.get(value.category)!} idPrefix={`${id}-list-${code}`} />
                    )}
                    <span>
                      {value.name}: {value.status}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <p className="text-dns-14N-130 text-solid-gray-800" lang="ja">
        {t('dashboards.map.credit')}
      </p>
    </figure>
  );
}
