import ExcelJS from 'exceljs';
import type { ExcelColumn } from './register/types';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const FONT = '宋体';

/** An empty sheet with the register's Chinese headers (text-formatted so codes keep their digits) and a help sheet. */
export async function buildTemplate(title: string, columns: ExcelColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weijian';
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 16, style: { numFmt: '@', font: { name: FONT, size: 11 } } }));
  styleHeader(ws.getRow(1));
  columns.forEach((c, i) => {
    if (c.note) ws.getRow(1).getCell(i + 1).note = c.note;
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 22 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'note', width: 60 },
    { header: '示例', key: 'example', width: 36 },
  ];
  styleHeader(help.getRow(1));
  for (const c of columns) help.addRow({ header: c.header, required: c.required ? '必填' : '选填', note: c.note ?? '', example: c.example ?? '' });
  help.addRow({});
  help.addRow({ header: '导入规则', note: '所有行均通过校验后才会一次性导入；任何一行有误则全部不导入，并生成错误报告（行号、列、原因）。带 * 的列为必填。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { name: FONT, bold: true, size: 11 };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.height = 22;
  row.eachCell((cell) => { cell.fill = HEADER_FILL; });
}

/** Write rows to an .xlsx buffer using the register's column layout. */
export async function buildExport(title: string, columns: ExcelColumn[], records: AsyncIterable<Record<string, unknown>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16, style: { font: { name: FONT, size: 11 } } }));
  styleHeader(ws.getRow(1));
  for await (const rec of records) {
    ws.addRow(columns.map((c) => {
      const v = c.format ? c.format(rec) : rec[c.key];
      if (v == null) return null;
      if (Array.isArray(v)) return v.join('、');
      if (typeof v === 'boolean') return v ? '是' : '否';
      return v as string | number;
    }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRow { row: number; cells: Record<string, string> }

export class SheetError extends Error {}

/** Read the first worksheet into rows of header-keyed text (headers matched after trimming and removing '*'). */
export async function readSheet(buffer: Buffer, columns: ExcelColumn[]): Promise<{ rows: SheetRow[]; missingHeaders: string[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('无法读取文件：请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SheetError('文件中没有工作表');
  const byHeader = new Map(columns.map((c) => [c.header, c.key]));
  const keyAt = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/[*＊\s]/g, '');
    const key = byHeader.get(text);
    if (key) keyAt.set(col, key);
  });
  const present = new Set(keyAt.values());
  const missingHeaders = columns.filter((c) => c.required && !present.has(c.key)).map((c) => c.header);
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const key = keyAt.get(col);
      if (!key) return;
      const text = cellText(cell.value).trim();
      if (text !== '') {
        cells[key] = text;
        any = true;
      }
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  return { rows, missingHeaders };
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** The per-row error report users download after a failed import. */
export async function buildErrorReport(title: string, errors: { row: number; column: string; message: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 22 },
    { header: '错误原因', key: 'message', width: 70 },
  ];
  styleHeader(ws.getRow(1));
  ws.addRow({ row: '', column: '', message: `${title}：共 ${errors.length} 处错误，文件未导入。请修改后重新上传。` });
  for (const e of errors) ws.addRow(e);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
