/**
 * Municipality boundaries for the maps, shipped in data/reference (no map tiles, no outside host).
 * Any prefecture's TopoJSON works: its features carry N03_007, the five-digit municipality code
 * (the six-digit 全国地方公共団体コード without its check digit). A prefecture without a file gets
 * 404 and the pages show the tables alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveReferenceDataDir } from '../../db/seed/reference-data';

/** Boundary files by two-digit prefecture code. */
const boundaryFiles: Record<string, string> = {
  '07': 'fukushima-municipalities.topojson',
};

const loaded = new Map<string, string>();

/** The TopoJSON text of the prefecture, or null when none is shipped. Read once per process. */
export function boundariesOf(prefectureCode: string): string | null {
  const file = boundaryFiles[prefectureCode];
  if (!file) return null;
  let text = loaded.get(file);
  if (text === undefined) {
    text = fs.readFileSync(path.join(resolveReferenceDataDir(), file), 'utf8');
    loaded.set(file, text);
  }
  return text;
}
