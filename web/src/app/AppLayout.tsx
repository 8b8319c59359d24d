import { Suspense, useEffect, useMemo, useState } from 'react';
import { Avatar, Breadcrumb, Button, Dropdown, Grid, Layout, Menu, Skeleton, Tooltip, Typography, type MenuProps } from 'antd';
import { BankOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { useAuth } from './auth';
import { ACCOUNT_ICON, navFor } from './nav';

export interface Crumb {
  title: string;
  to?: string;
}

/** Route handle: the breadcrumb trail after 首页. */
export interface RouteHandle {
  crumbs: (string | Crumb)[];
}

function Logo() {
  return (
    <svg viewBox="0 0 64 64" width="30" height="30" aria-hidden="true">
      <path d="M32 6 54 14v16c0 14-9 23-22 28C19 53 10 44 10 30V14z" fill="#fff" />
      <path d="M28.5 19h7v9h9v7h-9v9h-7v-9h-9v-7h9z" fill="#c8102e" />
    </svg>
  );
}

/** The shell: deep-blue header with agency and user menu, role-filtered sider, breadcrumb, content. */
export function AppLayout() {
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const matches = useMatches();
  // The sider is expanded from 1200 px (xl) and collapsed to icons on tablets and below.
  const screens = Grid.useBreakpoint();
  const wide = screens.xl ?? window.innerWidth >= 1200;
  const [collapsed, setCollapsed] = useState(!wide);
  useEffect(() => setCollapsed(!wide), [wide]);

  const user = me!.user;
  const unitOnly = user.roles.every((r) => r === 'unit');
  const hasRole = (roles: readonly string[]) => user.roles.some((r) => roles.includes(r));
  const nav = useMemo(() => navFor(hasRole, unitOnly), [user.roles.join(','), unitOnly]); // eslint-disable-line react-hooks/exhaustive-deps

  const menuItems: MenuProps['items'] = [
    ...nav.top.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> })),
    ...nav.groups.map((g) => ({
      key: g.key,
      icon: g.icon,
      label: g.label,
      children: g.items.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> })),
    })),
  ];
  const seg = location.pathname.split('/')[1] ?? '';
  const selected = seg ? `/${seg}` : '/';
  const [openKeys, setOpenKeys] = useState<string[]>(() => nav.groups.map((g) => g.key));

  const handle = [...matches].reverse().find((m) => (m.handle as RouteHandle | undefined)?.crumbs)?.handle as RouteHandle | undefined;
  const crumbs = [
    { title: <Link to={unitOnly ? '/my-entity' : '/'}>首页</Link> },
    ...(handle?.crumbs ?? []).map((c) => (typeof c === 'string' ? { title: c } : { title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
  ];

  const userMenu: MenuProps = {
    items: [
      { key: 'info', disabled: true, label: <div className="wj-user-info"><div>{user.displayName}（{user.username}）</div><div>{user.roleLabels.join('、')}</div></div> },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: async ({ key }) => {
      if (key === 'password') navigate('/account/password');
      if (key === 'logout') {
        await logout();
        navigate('/login', { replace: true });
      }
    },
  };

  return (
    <Layout className="wj-shell">
      <Layout.Header className="wj-header">
        <Link to={unitOnly ? '/my-entity' : '/'} className="wj-brand" aria-label="卫监 首页">
          <Logo />
          <span className="wj-brand-name">卫监</span>
          <span className="wj-brand-sub">卫生健康监督执法平台</span>
        </Link>
        <Button
          type="text"
          className="wj-collapse"
          aria-label={collapsed ? '展开菜单' : '收起菜单'}
          icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          onClick={() => setCollapsed(!collapsed)}
        />
        <div className="wj-header-spacer" />
        {me?.agency && (
          <Tooltip title={`文号前缀：${me.agency.docPrefix}`}>
            <span className="wj-agency" data-testid="agency-name"><BankOutlined /> {me.agency.name}</span>
          </Tooltip>
        )}
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" className="wj-user" aria-label={`用户菜单：${user.displayName}`}>
            <Avatar size="small" icon={ACCOUNT_ICON} className="wj-avatar" />
            <span className="wj-user-name">{user.displayName}</span>
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout hasSider>
        <Layout.Sider
          className="wj-sider"
          width={200}
          collapsedWidth={64}
          collapsed={collapsed}
          trigger={null}
          theme="dark"
        >
          <nav aria-label="主菜单">
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[selected]}
              openKeys={collapsed ? undefined : openKeys}
              // While collapsed the menu reports closed groups; keep the expanded state for when it opens again.
              onOpenChange={(keys) => { if (!collapsed) setOpenKeys(keys as string[]); }}
              items={menuItems}
              onClick={() => { if (!wide) setCollapsed(true); }}
            />
          </nav>
        </Layout.Sider>
        <Layout className="wj-main">
          <div className="wj-breadcrumb">
            <Breadcrumb items={crumbs} />
          </div>
          <Layout.Content className="wj-content">
            <Suspense fallback={<Skeleton active paragraph={{ rows: 10 }} style={{ padding: 24, background: '#fff' }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer className="wj-footer">
            <Typography.Text type="secondary">卫监 · 卫生健康监督执法平台 · 数据变更全程留痕</Typography.Text>
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
