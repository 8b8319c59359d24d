import { z } from 'zod';
import { phone, regionCode, text } from '../../platform/fields';
import { ROLE_CODES } from '../../platform/roles';

export const UserInput = z.object({
  username: z.string({ error: '请填写用户名' }).trim().regex(/^[a-zA-Z][a-zA-Z0-9._-]{2,31}$/, '用户名应为 3–32 位字母、数字、“.”“_”“-”，以字母开头'),
  displayName: text('姓名', 2, 64),
  roles: z.array(z.enum(ROLE_CODES, { error: '角色无效' })).min(1, '请至少选择一个角色'),
  agencyId: z.uuid('所属机构无效').optional().nullable().transform((v) => v ?? null),
  entityCreditCode: z.string().trim().toUpperCase().optional().nullable().transform((v) => (v ? v : null)),
  regionCode: regionCode('管辖区划').optional().nullable().transform((v) => v ?? null),
  phone: phone('手机号码'),
  /** Initial password on create; ignored on update (use reset). */
  password: z.string().optional().nullable(),
});
export type UserInput = z.infer<typeof UserInput>;
export const userLabels: Record<string, string> = {
  username: '用户名', displayName: '姓名', roles: '角色', agencyId: '所属机构', entityCreditCode: '所属单位', regionCode: '管辖区划',
  phone: '手机号码', password: '初始密码',
};
