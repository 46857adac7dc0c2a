import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvOf, xlsxOf } from './spreadsheet.ts';

describe('spreadsheet exports', () => {
  it('writes CSV with a BOM and CRLF lines, header first', () => {
    const text = csvOf(['身份证号', '姓名'], [['110101199003077777', '=1+1'], ['110101199003071234', '王五']]).toString('utf8');
    expect(text).toBe("\uFEFF身份证号,姓名\r\n110101199003077777,'=1+1\r\n110101199003071234,王五\r\n");
  });

  it('writes one XLSX sheet that ExcelJS reads back: bold frozen header, widths, values', async () => {
    const body = await xlsxOf('比对结果', [{ header: '身份证号', width: 24 }, '地址'], [['110101199003077777', '北京市东城区'], ['110101199003071234', null]]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as never);
    const sheet = book.getWorksheet('比对结果')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '身份证号', '地址']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(24);
    expect(sheet.getRow(2).values).toEqual([undefined, '110101199003077777', '北京市东城区']);
    expect(sheet.rowCount).toBe(3);
  });
});
