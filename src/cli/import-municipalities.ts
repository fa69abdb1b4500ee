import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../server/db/client';
import {
  importMunicipalityList,
  type ImportReport,
} from '../server/features/municipalities/municipalities.service';
import {
  findPrefectureByCode,
  insertPrefecture,
} from '../server/features/municipalities/municipalities.repository';
import type { RequestContext } from '../server/platform/context';
import { readTabularFile } from '../server/platform/spreadsheet';
import { isOfficialCodeList, unassignedGroup } from '../server/features/municipalities/municipality-list';

export interface ImportMunicipalitiesOptions {
  file: string;
  prefectureCode: string;
  /** Needed only when the prefecture does not exist yet. */
  prefectureName?: string | undefined;
  prefectureNameEn?: string | undefined;
  dryRun: boolean;
}

/**
 * `kakehashi import-municipalities FILE --prefecture-code NN`: loads a
 * prefecture's master list (CSV or xlsx) through the same validation as the
 * admin upload. Any bad row means nothing is imported and the exit code is 1.
 */
export async function importMunicipalitiesCommand(
  db: Database,
  options: ImportMunicipalitiesOptions,
  print: (line: string) => void = console.log,
): Promise<number> {
  if (!/^\d{2}$/.test(options.prefectureCode)) {
    print('都道府県コードは2桁の数字で指定してください。 / --prefecture-code must be two digits, e.g. 07.');
    return 2;
  }
  const bytes = new Uint8Array(fs.readFileSync(options.file));
  const { headers, records } = await readTabularFile(bytes, path.basename(options.file));
  const existing = await findPrefectureByCode(db, options.prefectureCode);
  if (!existing && (!options.prefectureName || !options.prefectureNameEn)) {
    print(
      `都道府県コード${options.prefectureCode}は未登録です。--prefecture-name と --prefecture-name-en を指定してください。 / Prefecture ${options.prefectureCode} does not exist yet: give --prefecture-name and --prefecture-name-en.`,
    );
    return 2;
  }
  const ctx: RequestContext = {
    actor: null,
    requestId: 'cli',
    locale: 'ja',
    ipAddress: null,
    userAgent: 'kakehashi-cli',
    now: new Date(),
  };
  if (isOfficialCodeList(headers)) {
    print(
      `総務省の団体コード一覧として読み込みます（都道府県${options.prefectureCode}の行のみ。地域・地方は「${unassignedGroup}」、英語名は読みから作成） / Reading the official code list: only prefecture ${options.prefectureCode}'s rows; area and region "${unassignedGroup}", English names from the readings.`,
    );
  }
  let report: ImportReport | undefined;
  try {
    // One transaction for the new prefecture and its list: a dry run (or a rejected
    // list) rolls back the prefecture too, and the list's rows can refer to it.
    await db.transaction(async (tx) => {
      const prefecture =
        existing ??
        (await insertPrefecture(tx, {
          code: options.prefectureCode,
          name: options.prefectureName!,
          nameEn: options.prefectureNameEn!,
        }));
      if (!existing && options.dryRun) {
        print('（ドライラン: 都道府県は作成しません / dry run: the prefecture is not created）');
      }
      report = await importMunicipalityList(tx as unknown as Database, ctx, prefecture, headers, records, {
        dryRun: options.dryRun,
      });
      if (!report.isImported) throw new NothingImported();
    });
  } catch (err) {
    if (!(err instanceof NothingImported)) throw err;
  }
  printReport(report!, print);
  return report!.errors.length > 0 || report!.missingHeaders.length > 0 ? 1 : 0;
}

/** Rolls back a new prefecture when its list was not imported (dry run or errors). */
class NothingImported extends Error {}

export function printReport(report: ImportReport, print: (line: string) => void): void {
  for (const warning of report.warnings) {
    print(`${warning.line}行目 / line ${warning.line} 注意 / warning: ${warning.ja} / ${warning.en}`);
  }
  if (report.missingHeaders.length > 0) {
    print(`列が足りません / Missing columns: ${report.missingHeaders.join(', ')}`);
  }
  for (const error of report.errors) {
    for (const field of error.fields) {
      print(
        `${error.line}行目 / line ${error.line} [${error.code ?? '-'}] ${field.path.join('.')}: ${field.ja} / ${field.en}`,
      );
    }
  }
  if (report.errors.length > 0 || report.missingHeaders.length > 0) {
    print('誤りがあるため、1件も取り込みませんでした。 / Nothing was imported because of the errors above.');
    return;
  }
  const { created, updated, unchanged } = report.summary;
  const verb = report.isDryRun
    ? '取り込み可能（ドライラン） / would import (dry run)'
    : '取り込みました / imported';
  print(`${verb}: 新規 created ${created}, 更新 updated ${updated}, 変更なし unchanged ${unchanged}`);
}
