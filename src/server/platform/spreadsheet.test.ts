import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from './spreadsheet';

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

describe('writeWorkbook', () => {
  it('writes numbers as numbers, text as text and a Date as a date cell in Japan time', async () => {
    const at = new Date('2024-07-01T04:30:00Z'); // 13:30 in Japan
    const bytes = await writeWorkbook([
      {
        name: '一覧',
        columns: [
          { header: '名称', key: 'name' },
          { header: '件数', key: 'count' },
          { header: '日時', key: 'at' },
        ],
        rows: [
          { name: '西会津町', count: 3, at },
          { name: '郡山市', count: null, at: null },
        ],
      },
    ]);
    const sheet = (await readBack(bytes)).getWorksheet('一覧')!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).value).toBe(3);
    const date = row.getCell(3);
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    expect(date.numFmt).toBe('yyyy/mm/dd hh:mm');
    // A date cell has no zone: it holds the wall-clock time the reader in Japan expects.
    expect((date.value as Date).toISOString()).toBe('2024-07-01T13:30:00.000Z');
    expect(sheet.getRow(3).getCell(3).type).toBe(ExcelJS.ValueType.Null);
  });
});
