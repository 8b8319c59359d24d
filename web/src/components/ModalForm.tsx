import { useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, ConfigProvider, Drawer, Form, Modal, Space, type FormInstance } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../app/api';
import { applyErrors, fromServer, fromZod, type FieldPath } from './formErrors';

export interface ModalFormProps<V extends object, R> {
  open: boolean;
  title: string;
  /** Drawer for record forms (default), modal for short dialogs. */
  variant?: 'drawer' | 'modal';
  width?: number;
  initialValues?: Partial<V>;
  /** Client-side validation with the server's own zod schema (same Chinese messages). */
  schema?: z.ZodType;
  /** Field labels used when an error cannot be placed under a field. */
  labels?: Record<string, string>;
  /** Form store → request body (defaults to the store as is). */
  toBody?: (values: V) => unknown;
  onSubmit: (body: unknown) => Promise<R>;
  onSuccess?: (result: R) => void;
  onClose: () => void;
  /** Called on 409: load the latest record and return fresh form values. */
  reload?: () => Promise<Partial<V>>;
  okText?: string;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  /** Form name (prefix of control ids). */
  name?: string;
}

/**
 * Dropdowns of the form's selects live inside the drawer/modal body, so they scroll with the form and
 * stay aligned even if the page behind the drawer scrolls.
 */
function popupContainer(trigger?: HTMLElement): HTMLElement {
  return (trigger?.closest('.ant-drawer-body, .ant-modal-body') as HTMLElement | null) ?? document.body;
}

/**
 * A form in a drawer or modal following ProComponents' ModalForm conventions: validates with the
 * shared zod schema, submits, maps a 400's `fields` under the inputs, and offers a reload on 409.
 */
export function ModalForm<V extends object, R = unknown>(props: ModalFormProps<V, R>) {
  const { open, title, variant = 'drawer', width, initialValues, schema, labels, toBody, onSubmit, onSuccess, onClose, reload, okText = '保存', children, name = 'record' } = props;
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [alerts, setAlerts] = useState<string[]>([]);
  const { modal } = App.useApp();

  const clearErrors = () => {
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name as FieldPath, errors: [] })) as never);
    setAlerts([]);
  };

  const submit = async () => {
    clearErrors();
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as V;
    const body = toBody ? toBody(values) : values;
    if (schema) {
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        setAlerts(applyErrors(form, fromZod(parsed.error), labels));
        scrollToFirstError();
        return;
      }
    }
    setSubmitting(true);
    try {
      const result = await onSubmit(body);
      onSuccess?.(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        modal.confirm({
          title: '数据冲突，未能保存',
          content: err.message,
          okText: reload ? '重新加载最新数据' : '知道了',
          cancelText: '取消',
          onOk: async () => {
            if (!reload) return;
            const fresh = await reload();
            form.resetFields();
            form.setFieldsValue(fresh as Parameters<typeof form.setFieldsValue>[0]);
          },
        });
      } else if (err instanceof ApiError && err.fields.length) {
        const rest = applyErrors(form, fromServer(err.fields), labels);
        setAlerts(rest.length ? rest : []);
        if (!rest.length) scrollToFirstError();
      } else {
        setAlerts([err instanceof Error ? err.message : '保存失败']);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const scrollToFirstError = () => {
    const first = form.getFieldsError().find((f) => f.errors.length);
    if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
  };

  const body = (
    <ConfigProvider getPopupContainer={popupContainer}>
      {alerts.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={alerts.length === 1 ? alerts[0] : '提交的数据有误'}
          description={alerts.length > 1 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{alerts.map((a) => <li key={a}>{a}</li>)}</ul> : undefined}
        />
      )}
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        scrollToFirstError
        requiredMark
        className="wj-modal-form"
      >
        {typeof children === 'function' ? children(form) : children}
        {/* Enter in a text input submits */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </ConfigProvider>
  );

  const footer = (
    <Space>
      <Button onClick={onClose}>取消</Button>
      <Button type="primary" loading={submitting} onClick={submit}>{okText}</Button>
    </Space>
  );

  if (variant === 'modal') {
    return (
      <Modal open={open} title={title} onCancel={onClose} footer={footer} width={width ?? 520} destroyOnHidden mask={{ closable: false }}>
        {body}
      </Modal>
    );
  }
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={width ?? 720}
      destroyOnHidden
      mask={{ closable: false }}
      footer={<div style={{ display: 'flex', justifyContent: 'flex-end' }}>{footer}</div>}
    >
      {body}
    </Drawer>
  );
}

/** Keep a ModalForm's latest values across a 409 reload (bind it in the form's render function; only the version changes). */
export function useKeepValues<V>() {
  const ref = useRef<FormInstance<V> | null>(null);
  const bind = (form: FormInstance<V>) => { ref.current = form; };
  const current = () => (ref.current?.getFieldsValue(true) ?? {}) as Partial<V>;
  return { bind, current };
}
