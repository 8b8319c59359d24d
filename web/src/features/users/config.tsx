import { useEffect, useState } from 'react';
import { App, Button, Col, Dropdown, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { z } from 'zod';
import { REGISTER_ACCESS, USER_ADMIN } from '../../app/access';
import { api } from '../../app/api';
import type { BaseRecord } from '../../app/types';
import { ModalForm } from '../../components/ModalForm';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { AgencySelect, EntitySelect } from '../../components/pickers';
import { PasswordRule, passwordHint } from '../../shared/password';
import { ROLES, UserInput, userLabels, type Role } from '../../shared/schemas';
import { AgencyName } from '../inspectors/config';
import { keywordField, nameColumn, regionColumn, text, updatedAtColumn } from '../registers/common';
import type { RegisterConfig, RegisterContext } from '../registers/types';

export interface User extends BaseRecord {
  username: string;
  displayName: string;
  roles: Role[];
  roleLabels: string[];
  agencyId: string | null;
  entityId: string | null;
  entityCreditCode?: string | null;
  phone: string | null;
  locked: boolean;
  mustChangePassword: boolean;
}

type UserForm = Pick<User, 'username' | 'displayName' | 'roles' | 'agencyId' | 'phone'> & {
  entityCreditCode?: string | null;
  regionCode?: string | null;
  password?: string;
};

const roleOptions = Object.entries(ROLES).map(([value, label]) => ({ value, label }));
const ROLE_COLORS: Record<string, string> = { admin: 'red', head: 'volcano', chief: 'orange', legal: 'purple', inspector: 'blue', assistant: 'cyan', unit: 'green' };

function EntityCodeField({ record }: { record?: User }) {
  const form = Form.useFormInstance<UserForm>();
  // The user record carries the entity id; fetch its credit code for the edit form.
  const { data } = useQuery({
    queryKey: ['entities', 'detail', record?.entityId],
    queryFn: () => api.get<BaseRecord & { creditCode: string; name: string }>(`/api/entities/${record!.entityId}`),
    enabled: !!record?.entityId && !record.entityCreditCode,
  });
  useEffect(() => {
    if (data && !form.getFieldValue('entityCreditCode')) form.setFieldValue('entityCreditCode', data.creditCode);
  }, [data, form]);
  return (
    <Form.Item name="entityCreditCode" label="所属单位" required tooltip="被监督单位用户须关联本单位（检查对象）">
      <EntitySelect initialLabel={data?.name} />
    </Form.Item>
  );
}

function UserFormFields({ record }: { record?: User }) {
  const form = Form.useFormInstance<UserForm>();
  const roles = (Form.useWatch('roles', form) ?? []) as Role[];
  const isUnit = roles.includes('unit');
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="username" label="用户名" required extra={record ? '用户名创建后不可修改' : '3–32 位字母、数字、“.”“_”“-”，以字母开头'}>
          <Input maxLength={32} disabled={!!record} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="displayName" label="姓名" required><Input maxLength={64} /></Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="roles" label="角色" required tooltip="被监督单位用户不能兼任其他角色">
          <Select mode="multiple" options={roleOptions} placeholder="请选择角色" />
        </Form.Item>
      </Col>
      {isUnit ? (
        <Col xs={24}><EntityCodeField record={record} /></Col>
      ) : (
        <>
          <Col xs={24} md={12}>
            <Form.Item name="agencyId" label="所属机构" required><AgencySelect /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label="管辖区划" tooltip="协管员填写其负责的镇街或村社区；其他人员默认为所属机构的辖区">
              <RegionTreeSelect placeholder="默认：所属机构辖区" />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} md={12}>
        <Form.Item name="phone" label="手机号码"><Input maxLength={20} /></Form.Item>
      </Col>
      {!record && (
        <Col xs={24} md={12}>
          <Form.Item name="password" label="初始密码" required extra={`${passwordHint}；用户首次登录须修改`}>
            <Input.Password maxLength={128} autoComplete="new-password" />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

function ResetPasswordDialog({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  return (
    <ModalForm<{ password: string }>
      open={open}
      variant="modal"
      name="reset"
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="确认重置"
      schema={z.object({ password: PasswordRule })}
      onSubmit={(body) => api.post(`/api/users/${user.id}/reset-password`, body)}
      onSuccess={() => {
        message.success('密码已重置，该用户的登录会话已全部注销，下次登录须修改密码');
        onClose();
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">重置后该用户的全部登录会话将被注销，下次登录须修改密码。</Typography.Paragraph>
      <Form.Item name="password" label="新密码" required extra={passwordHint}>
        <Input.Password maxLength={128} autoComplete="new-password" />
      </Form.Item>
    </ModalForm>
  );
}

/** 重置密码 / 解锁 / 强制下线 (system administrators only). */
function AccountActions({ user, ctx }: { user: User; ctx: RegisterContext }) {
  const [resetting, setResetting] = useState(false);
  const { message, modal } = App.useApp();
  if (!ctx.hasRole(USER_ADMIN)) return null;
  const run = (path: string, done: string) => api.post(`/api/users/${user.id}/${path}`).then(() => {
    message.success(done);
    ctx.refresh();
  }).catch((err: Error) => message.error(err.message));
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'reset', icon: <KeyOutlined />, label: '重置密码' },
            { key: 'unlock', icon: <UnlockOutlined />, label: '解锁', disabled: !user.locked },
            { key: 'revoke', icon: <LogoutOutlined />, label: '强制下线' },
          ],
          onClick: ({ key }) => {
            if (key === 'reset') setResetting(true);
            if (key === 'unlock') void run('unlock', '已解除登录锁定');
            if (key === 'revoke') {
              modal.confirm({
                title: `强制下线：${user.displayName}`,
                content: '将注销该用户在所有设备上的登录会话，确定继续？',
                okText: '强制下线',
                okButtonProps: { danger: true },
                cancelText: '取消',
                onOk: () => run('revoke-sessions', '已强制下线'),
              });
            }
          },
        }}
      >
        <Button type="link" size="small" aria-label={`账号操作：${user.username}`}>
          <Space size={2}>账号<DownOutlined /></Space>
        </Button>
      </Dropdown>
      {resetting && <ResetPasswordDialog user={user} open={resetting} onClose={() => setResetting(false)} />}
    </>
  );
}

const userStatus = (r: User) => (
  <Space size={4}>
    {r.locked ? <Tag color="red">已锁定</Tag> : <Tag color="green">正常</Tag>}
    {r.mustChangePassword && <Tag color="orange">待改密</Tag>}
  </Space>
);

export const usersConfig: RegisterConfig<User, UserForm> = {
  name: 'users',
  label: '用户',
  title: '用户管理',
  subTitle: '系统账号、角色与所属机构；被监督单位用户关联其单位',
  access: REGISTER_ACCESS.users,
  defaultSort: 'username',
  recordTitle: (r) => `${r.displayName}（${r.username}）`,
  searchFields: () => [keywordField('用户名/姓名', '输入用户名或姓名')],
  columns: () => [
    nameColumn<User>('users', '用户名', 'username', { sortKey: 'username' }),
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', sorter: true },
    {
      title: '角色', dataIndex: 'roles', key: 'roles',
      render: (v: Role[]) => <Space size={[4, 4]} wrap>{v.map((r) => <Tag key={r} color={ROLE_COLORS[r]}>{ROLES[r] ?? r}</Tag>)}</Space>,
    },
    { title: '所属机构/单位', dataIndex: 'agencyId', key: 'agencyId', render: (v: string | null, r) => (v ? <AgencyName id={v} short /> : r.entityId ? <Link to={`/entities/${r.entityId}`}>查看单位</Link> : text(null)) },
    regionColumn<User>('管辖区划', false),
    { title: '状态', key: 'status', render: (_v, r) => userStatus(r) },
    updatedAtColumn<User>(),
  ],
  form: {
    schema: UserInput,
    labels: userLabels,
    width: 720,
    toValues: (r) => (r
      ? {
        username: r.username, displayName: r.displayName, roles: r.roles, agencyId: r.agencyId, phone: r.phone,
        entityCreditCode: r.entityCreditCode ?? null,
        // keep an assistant's own patrol region; otherwise the agency's region is implied
        regionCode: r.regionCode,
      }
      : { roles: ['inspector'] }),
    toBody: (v) => {
      const isUnit = (v.roles ?? []).includes('unit');
      return {
        username: v.username?.trim() ?? null,
        displayName: v.displayName ?? null,
        roles: v.roles ?? [],
        agencyId: isUnit ? null : v.agencyId ?? null,
        entityCreditCode: isUnit ? v.entityCreditCode ?? null : null,
        regionCode: isUnit ? null : v.regionCode || null,
        phone: v.phone || null,
        ...(v.password !== undefined ? { password: v.password } : {}),
      };
    },
    render: (_f, ctx) => <UserFormFields record={ctx.record} />,
  },
  detail: {
    items: (r) => [
      { key: 'username', label: '用户名', children: <span className="wj-mono">{r.username}</span> },
      { key: 'displayName', label: '姓名', children: r.displayName },
      { key: 'status', label: '账号状态', children: userStatus(r) },
      { key: 'roles', label: '角色', span: 2, children: <Space size={[4, 4]} wrap>{r.roles.map((x) => <Tag key={x} color={ROLE_COLORS[x]}>{ROLES[x] ?? x}</Tag>)}</Space> },
      { key: 'phone', label: '手机号码', children: text(r.phone) },
      { key: 'agency', label: '所属机构', span: 2, children: r.agencyId ? <AgencyName id={r.agencyId} /> : text(null) },
      { key: 'entity', label: '所属单位', children: r.entityId ? <Link to={`/entities/${r.entityId}`}>查看单位</Link> : text(null) },
      { key: 'region', label: '管辖区划', span: 3, children: `${r.regionName ?? ''}（${r.regionCode}）` },
    ],
  },
  historyLabels: { ...userLabels, entityId: '所属单位', mustChangePassword: '须修改密码' },
  formatHistoryValue: (field, v) => {
    if (field === 'roles' && Array.isArray(v)) return v.map((r) => ROLES[r as Role] ?? r).join('、');
    if (field === 'agencyId' && typeof v === 'string') return <AgencyName id={v} />;
    return undefined;
  },
  rowActions: (r, ctx) => <AccountActions user={r} ctx={ctx} />,
  importable: true,
};
