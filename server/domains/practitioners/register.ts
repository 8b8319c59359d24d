import { eq, inArray } from 'drizzle-orm';
import { entities, practitioners } from '../../db/schema/index';
import { encryptField, lookupHash } from '../../platform/crypto';
import { invalid } from '../../platform/errors';
import { isMasked, masked } from '../../platform/fields';
import type { RegisterDef } from '../../platform/register/types';
import { STAFF_ROLES } from '../../platform/roles';
import { entityByCreditCode } from '../regions/lookups';
import { PractitionerInput, practitionerLabels } from './schema';
import { withEntityNames } from '../entities/names';

export const practitionerRegister: RegisterDef<PractitionerInput> = {
  name: 'practitioners',
  label: '从业人员',
  table: practitioners,
  access: { read: [...STAFF_ROLES, 'unit'], write: ['admin', 'head', 'chief', 'inspector'], remove: ['admin', 'head', 'chief'] },
  scope: { entity: practitioners.entityId },
  input: PractitionerInput,
  fieldLabels: practitionerLabels,
  search: [practitioners.name, practitioners.certificateNo],
  filters: {
    category: (v) => eq(practitioners.category, v),
    entity: (v) => eq(practitioners.entityId, v),
  },
  sorts: { name: practitioners.name, certificateNo: practitioners.certificateNo, updatedAt: practitioners.updatedAt },
  defaultSort: '-updatedAt',
  naturalKey: { column: practitioners.certificateNo, field: 'certificateNo', label: '执业证书编码' },
  async prepareImport(inputs, ctx) {
    const codes = [...new Set(inputs.map((i) => i.entityCreditCode))];
    for (let i = 0; i < codes.length; i += 5000) {
      const rows = await ctx.db.select({ id: entities.id, regionCode: entities.regionCode, name: entities.name, categories: entities.categories, creditCode: entities.creditCode })
        .from(entities).where(inArray(entities.creditCode, codes.slice(i, i + 5000)));
      for (const r of rows) ctx.lookups.set(`entity:${r.creditCode}`, r);
    }
    for (const c of codes) ctx.lookups.get(`entity:${c}`, async () => null);
  },
  async toValues(input, ctx) {
    const entity = await entityByCreditCode(ctx.lookups, input.entityCreditCode);
    if (!entity) throw invalid([{ field: 'entityCreditCode', label: '执业机构', message: `统一社会信用代码为 ${input.entityCreditCode} 的单位未在检查对象名录中登记` }]);
    const { entityCreditCode, idNumber, ...rest } = input;
    void entityCreditCode;
    const id = isMasked(idNumber) ? undefined : idNumber;
    return {
      ...rest,
      gender: rest.gender ?? null,
      phone: isMasked(input.phone) ? (ctx.existing?.phone ?? null) : input.phone,
      entityId: entity.id,
      regionCode: entity.regionCode,
      ...(id === undefined
        ? {}
        : id === null
          ? { idNumberEnc: null, idNumberHash: null, idNumberMasked: null }
          : { idNumberEnc: encryptField(id), idNumberHash: lookupHash(id), idNumberMasked: masked.idNumber(id) }),
    };
  },
  enrich: (db, items) => withEntityNames(db, items),
  present: (r) => ({
    id: r.id, name: r.name, gender: r.gender, idNumber: r.idNumberMasked ?? null, certificateNo: r.certificateNo, category: r.category,
    practiceScope: r.practiceScope, entityId: r.entityId, phone: masked.phone(r.phone as string | null), regionCode: r.regionCode,
    version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
  }),
  excel: [
    { key: 'name', header: '姓名', required: true, width: 10, example: '王建国' },
    { key: 'gender', header: '性别', width: 6, example: '男' },
    { key: 'idNumber', header: '身份证号', width: 22, note: '18 位；导入后加密保存，仅显示脱敏号码' },
    { key: 'certificateNo', header: '执业证书编码', required: true, width: 18, example: '110320000012345' },
    { key: 'category', header: '执业类别', required: true, width: 14, example: '执业医师' },
    { key: 'practiceScope', header: '执业范围', width: 14, example: '内科专业' },
    { key: 'entityCreditCode', header: '执业机构统一社会信用代码', required: true, width: 24, format: (r) => r.entityCreditCode as string },
    { key: 'entityName', header: '执业机构名称', width: 30, note: '导出时填写，导入时按信用代码匹配' },
    { key: 'phone', header: '联系电话', width: 14 },
  ],
};
