import { users } from '../../db/schema/index';
import { invalid } from '../../platform/errors';
import { isMasked, masked } from '../../platform/fields';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords';
import { clearSessionCache, revokeUserSessions } from '../../platform/auth/sessions';
import type { RegisterDef } from '../../platform/register/types';
import { ROLES, roleLabel, type Role } from '../../platform/roles';
import { agencyMap, entityByCreditCode, requireRegion } from '../regions/lookups';
import { isWithinRegion } from '../regions/region-code';
import { UserInput, userLabels } from './schema';
import { withEntityNames } from '../entities/names';

export const userRegister: RegisterDef<UserInput> = {
  name: 'users',
  label: '用户',
  table: users,
  access: { read: ['admin', 'head'], write: ['admin'], remove: ['admin'] },
  scope: {},
  input: UserInput,
  fieldLabels: userLabels,
  search: [users.username, users.displayName],
  sorts: { username: users.username, displayName: users.displayName, updatedAt: users.updatedAt },
  defaultSort: 'username',
  naturalKey: { column: users.username, field: 'username', label: '用户名' },
  async toValues(input, ctx) {
    const roles = input.roles as Role[];
    let regionCode: string;
    let entityId: string | null = null;
    if (roles.includes('unit')) {
      if (roles.length > 1) throw invalid([{ field: 'roles', label: '角色', message: '被监督单位用户不能兼任其他角色' }]);
      if (!input.entityCreditCode) throw invalid([{ field: 'entityCreditCode', label: '所属单位', message: '被监督单位用户须关联所属单位（统一社会信用代码）' }]);
      const entity = await entityByCreditCode(ctx.lookups, input.entityCreditCode);
      if (!entity) throw invalid([{ field: 'entityCreditCode', label: '所属单位', message: '该统一社会信用代码的单位未登记' }]);
      entityId = entity.id;
      regionCode = entity.regionCode;
    } else {
      if (!input.agencyId) throw invalid([{ field: 'agencyId', label: '所属机构', message: '请选择所属机构' }]);
      const agency = (await agencyMap(ctx.lookups)).get(input.agencyId);
      if (!agency) throw invalid([{ field: 'agencyId', label: '所属机构', message: '所属机构不存在' }]);
      regionCode = agency.regionCode;
      if (input.regionCode && input.regionCode !== agency.regionCode) {
        // an assistant patrols a town or village inside the agency's jurisdiction
        await requireRegion(ctx.lookups, input.regionCode);
        if (!isWithinRegion(input.regionCode, agency.regionCode)) {
          throw invalid([{ field: 'regionCode', label: '管辖区划', message: '管辖区划应在所属机构的辖区之内' }]);
        }
        regionCode = input.regionCode;
      }
    }
    const values: Record<string, unknown> = {
      username: input.username, displayName: input.displayName, roles, agencyId: roles.includes('unit') ? null : input.agencyId,
      entityId, regionCode, phone: isMasked(input.phone) ? (ctx.existing?.phone ?? null) : input.phone,
    };
    if (!ctx.existing) {
      const problem = input.password ? passwordProblem(input.password) : '请设置初始密码';
      if (problem) throw invalid([{ field: 'password', label: '初始密码', message: problem }]);
      values.passwordHash = await hashPassword(input.password!);
      values.mustChangePassword = true;
    } else if (ctx.existing.username !== input.username) {
      throw invalid([{ field: 'username', label: '用户名', message: '用户名创建后不可修改' }]);
    }
    return values;
  },
  enrich: (db, items) => withEntityNames(db, items),
  async afterWrite(tx, row, action) {
    clearSessionCache(String(row.id));
    if (action === 'delete') await revokeUserSessions(tx, String(row.id));
  },
  present: (r) => ({
    id: r.id, username: r.username, displayName: r.displayName, roles: r.roles, roleLabels: (r.roles as string[]).map(roleLabel),
    agencyId: r.agencyId, entityId: r.entityId, regionCode: r.regionCode, phone: masked.phone(r.phone as string | null),
    locked: !!r.lockedUntil && new Date(r.lockedUntil as string) > new Date(), mustChangePassword: r.mustChangePassword,
    version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
  }),
  excel: [
    { key: 'username', header: '用户名', required: true, width: 14 },
    { key: 'displayName', header: '姓名', required: true, width: 10 },
    {
      key: 'roles', header: '角色', required: true, width: 20, example: '卫生监督员',
      parse: (t) => t.split(/[、,，]/).map((l) => {
        const hit = Object.entries(ROLES).find(([k, v]) => v === l.trim() || k === l.trim());
        if (!hit) throw new Error(`未知的角色“${l}”（可选：${Object.values(ROLES).join('、')}）`);
        return hit[0];
      }),
      format: (r) => (r.roleLabels as string[]).join('、'),
    },
    { key: 'agencyId', header: '所属机构ID', width: 38 },
    { key: 'entityCreditCode', header: '所属单位信用代码', width: 22, note: '仅被监督单位用户填写' },
    { key: 'regionCode', header: '管辖区划代码', width: 14, note: '协管员填写其负责的镇街或村社区' },
    { key: 'phone', header: '手机号码', width: 14 },
    { key: 'password', header: '初始密码', width: 14, note: '至少 8 位，含字母和数字；首次登录须修改', format: () => null },
  ],
};
