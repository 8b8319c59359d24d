import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage, setCsrfToken } from '../../app/api';
import { useAuth } from '../../app/auth';

interface Site {
  name: string;
  demo: boolean;
  demoPassword: string | null;
}

/** Demo accounts created with the demo city (see server/demo). */
const DEMO_ACCOUNTS: { username: string; label: string }[] = [
  { username: 'admin', label: '系统管理员' },
  { username: 'head', label: '机构负责人' },
  { username: 'chief', label: '科室负责人' },
  { username: 'legal', label: '法制审核员' },
  { username: 'inspector', label: '卫生监督员' },
  { username: 'inspector2', label: '卫生监督员' },
  { username: 'assistant', label: '协管员' },
  { username: 'unit', label: '被监督单位用户' },
];

/** A safe in-app redirect target (never another origin). */
function safeFrom(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { me, refresh } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const site = useQuery({ queryKey: ['public', 'site'], queryFn: () => api.get<Site>('/api/public/site', undefined, { quiet401: true }), staleTime: 5 * 60_000 });
  const expired = params.get('expired') === '1';

  if (me) return <Navigate to={me.user.mustChangePassword ? '/account/password' : safeFrom(params.get('from'))} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setError(null);
    setSubmitting(true);
    try {
      const res = await api.post<{ csrfToken: string; mustChangePassword: boolean }>('/api/auth/login', values, { quiet401: true });
      setCsrfToken(res.csrfToken);
      await refresh();
      navigate(res.mustChangePassword ? '/account/password' : safeFrom(params.get('from')), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  const fill = (username: string) => {
    form.setFieldsValue({ username, password: site.data?.demoPassword ?? '' });
    setError(null);
  };

  return (
    <div className="wj-login">
      <div className="wj-login-main">
        <div className="wj-login-intro">
          <div className="wj-login-brand">
            <div className="wj-login-emblem" aria-hidden="true">
              <svg viewBox="0 0 64 64" width="56" height="56"><path d="M32 6 54 14v16c0 14-9 23-22 28C19 53 10 44 10 30V14z" fill="#fff" /><path d="M28.5 19h7v9h9v7h-9v9h-7v-9h-9v-7h9z" fill="#c8102e" /></svg>
            </div>
            <div>
              <h1 className="wj-login-title">卫监 · 卫生健康监督执法平台</h1>
              <div className="wj-login-subtitle">监督检查 · 双随机抽查 · 行政处罚 · 信用监管</div>
            </div>
          </div>
          <ul className="wj-login-points">
            <li><b>一单两库一细则</b>：检查对象、执法人员名录与抽查事项统一管理，Excel 批量导入导出</li>
            <li><b>全程留痕</b>：每次变更记入审计哈希链，可校验、可追溯</li>
            <li><b>期限不出错</b>：法定期限按工作日历自动计算</li>
          </ul>
        </div>
        <Card className="wj-login-card" variant="borderless">
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0, marginBottom: 20 }}>用户登录</Typography.Title>
          {expired && !error && <Alert type="warning" showIcon title="登录已失效，请重新登录" style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} name="login" layout="vertical" onFinish={submit} requiredMark={false} size="large" className="wj-login-form">
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} placeholder="请输入用户名" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} placeholder="请输入密码" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>登录</Button>
          </Form>
          {site.data?.demo && (
            <Alert
              className="wj-demo-banner"
              type="warning"
              showIcon
              style={{ marginTop: 20 }}
              title="当前为演示数据，请勿录入真实信息"
              description={(
                <div>
                  <div>点击下列账号即可填入，统一密码：<Typography.Text code copyable={{ tooltips: ['复制', '已复制'] }}>{site.data.demoPassword}</Typography.Text></div>
                  <div className="wj-demo-accounts" role="group" aria-label="演示账号">
                    {DEMO_ACCOUNTS.map((a) => (
                      <button
                        type="button"
                        key={a.username}
                        className="wj-demo-account"
                        onClick={() => fill(a.username)}
                        aria-label={`使用演示账号 ${a.username}（${a.label}）`}
                      >
                        <span className="wj-mono">{a.username}</span>
                        <span className="wj-demo-role">{a.label}</span>
                      </button>
                    ))}
                  </div>
                </div>
              )}
            />
          )}
        </Card>
      </div>
      <div className="wj-login-footer">建议使用最新版 Chrome、Edge、Firefox 或 360 极速模式浏览器 · 分辨率不低于 1366×768</div>
    </div>
  );
}
