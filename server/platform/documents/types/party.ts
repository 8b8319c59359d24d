/** The party block shared by documents addressed to a unit or person (被检查人 / 被监督人 / 当事人). */
import { z } from 'zod';
import { optionalText, phone, text } from '../../fields';

export const partySchema = z.object({
  name: text('当事人名称', 1, 200),
  address: text('地址', 1, 300),
  creditCode: optionalText('统一社会信用代码', 18),
  legalRep: optionalText('法定代表人（负责人）', 64),
  phone: phone('联系电话'),
});
export type Party = z.infer<typeof partySchema>;

export const inspectorSchema = z.object({
  name: text('执法人员姓名', 1, 64),
  credentialNo: text('执法证件号', 1, 32),
});

/** Template variables of the party block. */
export const partyView = (p: Party) => ({
  partyName: p.name,
  partyAddress: p.address,
  partyCreditCode: p.creditCode ?? '',
  partyLegalRep: p.legalRep ?? '',
  partyPhone: p.phone ?? '',
});

export const PARTY_FIELDS = [
  { tag: 'partyName', label: '当事人名称' },
  { tag: 'partyAddress', label: '地址' },
  { tag: 'partyCreditCode', label: '统一社会信用代码' },
  { tag: 'partyLegalRep', label: '法定代表人（负责人）' },
  { tag: 'partyPhone', label: '联系电话' },
] as const;
