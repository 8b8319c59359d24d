/** Excel interchange of plans: the result report for higher platforms and the handed-down target list. */
import { buildExport } from '../../platform/excel';
import type { ExcelColumn } from '../../platform/register/types';
import { FOLLOW_UP_RESULTS, TASK_RESULTS, TASK_STATUS, UNABLE_REASONS, type TaskResult, type TaskStatus } from './schema';
import type { TaskRow } from './tasks';

/** Columns of the handed-down target list (上级下达检查对象名单). */
export const IMPORT_COLUMNS: ExcelColumn[] = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 22, example: '91329902MA1XXXXXXX', note: '须已在检查对象名录库中登记' },
  { key: 'name', header: '检查对象名称', width: 32, example: '澄江市某某宾馆有限公司', note: '仅供核对，以信用代码为准' },
  { key: 'matter', header: '抽查事项', width: 24, note: '仅供核对' },
];

/**
 * The result report in the column layout of the national random-inspection result report (国家“双随机、
 * 一公开”监管平台抽查结果): unit, credit code, address, matter, inspectors, date, result, handling.
 */
const RESULT_COLUMNS: ExcelColumn[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'planName', header: '抽查计划名称', width: 30 },
  { key: 'entityName', header: '检查对象名称', width: 32 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'address', header: '检查对象地址', width: 36 },
  { key: 'matters', header: '抽查事项', width: 30 },
  { key: 'inspectors', header: '检查人员', width: 16 },
  { key: 'inspectedOn', header: '检查日期', width: 12 },
  { key: 'result', header: '检查结果', width: 12 },
  { key: 'handling', header: '处理情况', width: 30 },
  { key: 'status', header: '任务状态', width: 10 },
];

export function resultText(t: TaskRow): string {
  if (t.status === 'unable') return `无法检查（${UNABLE_REASONS[t.unableReason as keyof typeof UNABLE_REASONS] ?? ''}）`;
  if (t.status !== 'done') return '';
  return t.result === 'qualified' ? '未发现问题' : '发现问题';
}

export function handlingText(t: TaskRow): string {
  if (t.status !== 'done') return '';
  const base = TASK_RESULTS[t.result as TaskResult];
  if (t.result === 'qualified') return '无需处理';
  if (t.followUpStatus === 'closed') return `${base}；${FOLLOW_UP_RESULTS[t.followUpResult as keyof typeof FOLLOW_UP_RESULTS] ?? ''}（${t.followUpOn ?? ''}）`;
  return t.result === 'rectify' ? `${base}，复查期限 ${t.followUpDue ?? ''}` : base;
}

export async function resultsWorkbook(plan: { name: string; matters: { name: string }[] }, rows: TaskRow[]): Promise<Buffer> {
  const matters = plan.matters.map((m) => m.name).join('；');
  async function* records() {
    let no = 0;
    for (const t of rows) {
      yield {
        no: ++no, planName: plan.name, entityName: t.entityName, creditCode: t.creditCode, address: t.address ?? '', matters,
        inspectors: t.inspectorNames.join('、'), inspectedOn: t.inspectedOn ?? '', result: resultText(t), handling: handlingText(t),
        status: TASK_STATUS[t.status as TaskStatus],
      };
    }
  }
  return buildExport('抽查结果', RESULT_COLUMNS, records());
}
