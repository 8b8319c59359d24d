import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageContainer } from '../../components/PageContainer';
import { applyErrors, fromServer, fromZod } from '../../components/formErrors';
import { PasswordRule, passwordHint } from '../../shared/password';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

const Schema = z.object({
  oldPassword: z.string({ error: '请输入原密码' }).min(1, '请输入原密码'),
  newPassword: PasswordRule,
  confirm: z.string({ error: '请再次输入新密码' }),
}).refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: '两次输入的新密码不一致' })
  .refine((v) => v.newPassword !== v.oldPassword, { path: ['newPassword'], message: '新密码不能与原密码相同' });

/** 修改密码; forced after the first login or an administrator's reset. */
export default function ChangePasswordPage() {
  const [form] = Form.useForm<Values>();
  const { me, refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const forced = !!me?.user.mustChangePassword;

  const submit = async () => {
    setError(null);
    const values = form.getFieldsValue(true) as Values;
    const parsed = Schema.safeParse(values);
    if (!parsed.success) {
      const rest = applyErrors(form, fromZod(parsed.error));
      if (rest.length) setError(rest.join('；'));
      return;
    }
    setSubmitting(true);
    try {
      await api.post('/api/auth/password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      message.success('密码已修改，您在其他设备上的登录已注销');
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const rest = applyErrors(form, fromServer(err.fields));
        if (rest.length) setError(rest.join('；'));
      } else setError(err instanceof Error ? err.message : '修改失败');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageContainer title="修改密码">
      <Card className="wj-card wj-narrow-card">
        {forced && (
          <Alert type="warning" showIcon style={{ marginBottom: 20 }} title="首次登录或密码已被管理员重置，请先修改密码后再使用系统" />
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} name="password" layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
          <Form.Item name="oldPassword" label="原密码" required>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" required extra={passwordHint}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item name="confirm" label="确认新密码" required>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={submitting}>确认修改</Button>
            {forced
              ? <Button style={{ marginLeft: 12 }} onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>退出登录</Button>
              : <Button style={{ marginLeft: 12 }} onClick={() => navigate(-1)}>取消</Button>}
          </Form.Item>
        </Form>
      </Card>
    </PageContainer>
  );
}
