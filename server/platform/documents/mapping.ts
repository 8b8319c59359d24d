/**
 * What a document type brings besides its catalogue line: the shape of its data (zod), sample data (for
 * validating uploaded templates and for the administrator's preview), and the view — the template variables
 * computed from the data. Variables common to every type (agency, number, dates, QR code, signatures) are
 * added by `commonView`. Pure.
 */
import type { z } from 'zod';

/** An image placed by a `{%tag}` in a template. */
export interface ImageValue {
  kind: 'image';
  png: Uint8Array;
  widthMm: number;
  heightMm: number;
}

export interface TypeMapping<T> {
  schema: z.ZodType<T>;
  sample: T;
  /** The party's name as shown in lists (null for documents without one). */
  partyName(data: T): string | null;
  /** Type-specific template variables. */
  view(data: T): Record<string, unknown>;
  /** Type-specific tags, documented for administrators who edit the template. */
  fields: readonly { tag: string; label: string }[];
}

/** Tags every template may use; those marked required must stay in an uploaded template. */
export const COMMON_FIELDS: readonly { tag: string; label: string; required?: boolean }[] = [
  { tag: 'agencyName', label: '执法机关全称', required: true },
  { tag: 'title', label: '文书名称' },
  { tag: 'number', label: '文号或编号（如 锡卫医罚〔2026〕12号、2026—001）；与 {numberLine} 至少用其一', required: true },
  { tag: 'numberLine', label: '编号行（编号式文书为“编号：2026—001”，文号式文书为文号本身）', required: true },
  { tag: 'issuedOn', label: '签发日期（2026年5月12日）' },
  { tag: 'verifyCode', label: '验真码', required: true },
  { tag: 'verifyUrl', label: '验真网址' },
  { tag: '%qr', label: '验真二维码（图片）', required: true },
  { tag: 'partySigned', label: '当事人已在屏幕上签名（条件段落 {#partySigned}…{/partySigned}）' },
  { tag: '%partySignature', label: '当事人签名（图片，在 {#partySigned}…{/partySigned} 内使用）' },
  { tag: 'partySignerName', label: '当事人签名人' },
  { tag: 'partySignedOn', label: '当事人签名日期' },
  { tag: 'partyRefused', label: '当事人拒绝签名（条件段落 {#partyRefused}…{/partyRefused}）' },
  { tag: 'partyRefusalNote', label: '拒绝签名的说明' },
  { tag: 'inspectorSignatures', label: '执法人员签名（循环 {#inspectorSignatures}{%image}{name}{signedOn}{/inspectorSignatures}）' },
];

/** Each entry: tags of which an uploaded template must keep at least one. */
export const REQUIRED_TAGS: readonly (readonly string[])[] = [['agencyName'], ['number', 'numberLine'], ['verifyCode'], ['%qr']];

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
});

function parts(d: Date) {
  const p = Object.fromEntries(shanghai.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute) };
}

/** '2026-05-12' → '2026年5月12日' (GB/T 9704: Arabic numerals, no leading zeros). */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant as the agency's wall clock: '2026年5月12日9时30分'. */
export function cnDateTime(at: string | Date): string {
  const p = parts(typeof at === 'string' ? new Date(at) : at);
  return `${p.y}年${p.m}月${p.d}日${p.h}时${String(p.min).padStart(2, '0')}分`;
}

/** A time span on one day: '2026年5月12日9时30分至11时05分'; over several days both ends in full. */
export function cnTimeSpan(from: string, to: string): string {
  const a = parts(new Date(from));
  const b = parts(new Date(to));
  const sameDay = a.y === b.y && a.m === b.m && a.d === b.d;
  return `${cnDateTime(from)}至${sameDay ? `${b.h}时${String(b.min).padStart(2, '0')}分` : cnDateTime(to)}`;
}

/** Numbered list items: [{no: 1, text}, …]. */
export const numbered = (items: readonly string[]) => items.map((text, i) => ({ no: i + 1, text }));
