/**
 * The lead ledger as an .xlsx workbook (线索台账): the sheet officials hand to inspectors from above. One
 * row per lead with its source and origin, dates, parties, handlers, verification, the filing-decision
 * deadline, the disposition and whether any deadline was missed. It never carries a complainant's
 * identity: a lead from a complaint names only the complaint's tracking code as its origin.
 */
import ExcelJS from 'exceljs';
import { CATEGORIES } from '../entities/categories';
import { LEAD_SOURCES, type LeadSource } from './schema';
import type { PresentedLead } from './service';

const FONT = '宋体';
const categoryLabel = new Map(CATEGORIES.map((c) => [c.code, c.label]));

export interface LedgerColumn { key: string; header: string; width: number; value: (l: PresentedLead) => string | number | null }

/** 来源编号/关联: where the lead came from, in words an official can look up. */
export function originText(l: PresentedLead): string {
  if (l.source === 'complaint') return l.originRef ? `投诉举报查询码 ${l.originRef}` : '投诉举报';
  if (l.source === 'inspection') return l.originRef ? `检查任务：${l.originRef}` : '检查任务';
  return l.originRef ?? '';
}

/** 理由/移送机关/并入线索: the detail of the disposition. */
export function dispositionDetail(l: PresentedLead): string {
  switch (l.disposition) {
    case 'file': return l.dispositionReason ?? '';
    case 'no_file': return l.dispositionReason ?? '';
    case 'transfer': return `移送${l.transferTo ?? ''}${l.dispositionReason ? `；${l.dispositionReason}` : ''}`;
    case 'merge': return `并入 ${l.mergedIntoCode ?? ''}${l.dispositionReason ? `；${l.dispositionReason}` : ''}`;
    default: return '';
  }
}

/** 是否超期: for an open lead whether its running deadline has passed, for a disposed one whether it was decided late. */
export function overdueText(l: PresentedLead): string {
  if (l.overdue) return l.deadlineKind === 'filing' ? `是（立案决定期限 ${l.due} 已过）` : `是（核查期限 ${l.due} 已过）`;
  if (l.disposedLate) return `逾期处置（期限 ${l.due}）`;
  return '否';
}

export const LEDGER_COLUMNS: LedgerColumn[] = [
  { key: 'no', header: '序号', width: 6, value: () => null },
  { key: 'code', header: '线索编号', width: 20, value: (l) => l.code },
  { key: 'source', header: '线索来源', width: 12, value: (l) => LEAD_SOURCES[l.source as LeadSource] ?? l.source },
  { key: 'origin', header: '来源编号/关联', width: 28, value: originText },
  { key: 'receivedOn', header: '收到日期', width: 12, value: (l) => l.receivedOn },
  { key: 'registeredOn', header: '登记日期', width: 12, value: (l) => l.registeredOn },
  { key: 'unitName', header: '当事人', width: 28, value: (l) => l.unitName },
  { key: 'category', header: '专业类别', width: 12, value: (l) => (l.category ? categoryLabel.get(l.category) ?? l.category : '') },
  { key: 'facts', header: '线索内容', width: 48, value: (l) => l.facts },
  { key: 'agency', header: '承办机构', width: 24, value: (l) => l.agencyName ?? '' },
  { key: 'handlers', header: '承办人', width: 14, value: (l) => l.handlerNames.join('、') },
  { key: 'verification', header: '核查情况', width: 40, value: (l) => l.verification ?? '' },
  { key: 'verifiedOn', header: '核查日期', width: 12, value: (l) => l.verifiedOn ?? '' },
  { key: 'filingDue', header: '立案决定期限', width: 13, value: (l) => l.filingDue ?? '' },
  { key: 'extendedDue', header: '延期后期限', width: 13, value: (l) => l.extendedDue ?? '' },
  { key: 'extensionReason', header: '延期理由', width: 24, value: (l) => (l.extendedDue ? l.extensionReason ?? '' : l.extensionPending ? `（待审批）${l.extensionReason}` : '') },
  { key: 'disposition', header: '处置结果', width: 10, value: (l) => l.dispositionLabel ?? '' },
  { key: 'dispositionOn', header: '处置日期', width: 12, value: (l) => l.dispositionOn ?? '' },
  { key: 'approver', header: '批准人', width: 10, value: (l) => l.approverName ?? '' },
  { key: 'detail', header: '理由/移送机关/并入线索', width: 36, value: dispositionDetail },
  { key: 'transferDocNo', header: '移送文书文号', width: 22, value: (l) => l.transferDocNo ?? '' },
  { key: 'status', header: '状态', width: 12, value: (l) => l.statusLabel },
  { key: 'overdue', header: '是否超期', width: 24, value: overdueText },
];

export interface LedgerMeta { title: string; exportedBy: string; exportedAt: string; filters: string }

/** Title, export line, header row, one row per lead; overdue rows in red; printable on A4 landscape, fitted to the page width. */
export async function ledgerWorkbook(rows: PresentedLead[], meta: LedgerMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weijian';
  const ws = wb.addWorksheet('线索台账', {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9 as ExcelJS.PaperSize, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  const n = LEDGER_COLUMNS.length;
  ws.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = meta.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, n);
  const sub = ws.getCell(2, 1);
  sub.value = `导出时间：${meta.exportedAt}    导出人：${meta.exportedBy}    筛选条件：${meta.filters}    共 ${rows.length} 条，其中超期 ${rows.filter((r) => r.overdue).length} 条`;
  sub.font = { name: FONT, size: 10 };
  const header = ws.getRow(3);
  LEDGER_COLUMNS.forEach((c, i) => { header.getCell(i + 1).value = c.header; });
  header.font = { name: FONT, bold: true, size: 11 };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 24;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
    cell.border = thin;
  });
  rows.forEach((l, i) => {
    const row = ws.addRow(LEDGER_COLUMNS.map((c) => (c.key === 'no' ? i + 1 : c.value(l))));
    row.font = { name: FONT, size: 10, color: l.overdue ? { argb: 'FFC00000' } : undefined };
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => { cell.border = thin; });
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: n } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const thin: Partial<ExcelJS.Borders> = { top: side, left: side, bottom: side, right: side };
