/** 登记线索: source and its reference, the handling agency, the party, the facts, the date received and the handlers. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../app/api';
import { applyErrors, fromServer, fromZod } from '../../components/formErrors';
import { PageContainer } from '../../components/PageContainer';
import { CategorySelect, DateStringPicker, EntitySelect } from '../../components/pickers';
// The server's own schema (pure zod): the same rules and Chinese messages in the browser.
import { LeadInput, leadLabels, ORIGIN_REF_LABELS, type LeadSource } from '../../../../server/domains/leads/schema';
import { leadKeys, useLeadOptions, type LeadDetail } from './api';
import { SOURCE_OPTIONS } from './common';
import '../plans/plans.css';
import './leads.css';

interface Values {
  source?: LeadSource;
  originRef?: string;
  agencyId?: string;
  entityId?: string | null;
  unitName?: string;
  category?: string | null;
  receivedOn?: string;
  facts?: string;
  handlerIds?: string[];
}

const ORIGIN_HINTS: Partial<Record<LeadSource, string>> = {
  complaint: '投诉举报登记后转为线索的，请在投诉举报办理页面操作；此处仅登记其他渠道转来的举报（如 12320 工单号）',
  inspection: '抽查任务中发现的问题请在检查任务页面“转为线索”；此处登记日常监督检查发现的线索',
  superior: '上级机关交办文件的文号，如 澄卫监交〔2026〕5号',
  department: '移送函或案件移送书的文号',
  media: '媒体名称、栏目及报道日期',
};

export default function LeadFormPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [alerts, setAlerts] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const agencyId = Form.useWatch('agencyId', form);
  const source = Form.useWatch('source', form);
  const options = useLeadOptions(agencyId);
  // default to the user's own agency once the options are known
  useEffect(() => {
    if (!form.getFieldValue('agencyId') && options.data?.agencyId) form.setFieldValue('agencyId', options.data.agencyId);
  }, [options.data?.agencyId, form]);

  const submit = async () => {
    setAlerts([]);
    const values = form.getFieldsValue(true) as Values;
    const body = {
      ...values, agencyId: values.agencyId ?? options.data?.agencyId, handlerIds: values.handlerIds ?? [],
      originRef: values.originRef?.trim() || null, entityId: values.entityId || null, category: values.category || null,
    };
    const parsed = LeadInput.safeParse(body);
    if (!parsed.success) {
      setAlerts(applyErrors(form, fromZod(parsed.error), leadLabels));
      return;
    }
    setSaving(true);
    try {
      const lead = await api.post<LeadDetail>('/api/leads', parsed.data);
      void qc.invalidateQueries({ queryKey: leadKeys.all });
      message.success(`已登记线索 ${lead.code}`);
      navigate(`/leads/${lead.id}`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setAlerts(applyErrors(form, fromServer(err.fields), leadLabels));
      else setAlerts([err instanceof Error ? err.message : '登记失败']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title="登记线索" subTitle="登记后自动编号；核查完成后须在 7 个工作日内作出是否立案的决定">
      <Form<Values>
        form={form}
        name="lead"
        layout="vertical"
        className="wj-lead-form"
        requiredMark
        initialValues={{ receivedOn: dayjs().format('YYYY-MM-DD'), handlerIds: [] }}
        onFinish={submit}
      >
        {alerts.length > 0 && (
          <Alert type="error" showIcon role="alert" className="wj-card" title={alerts.length === 1 ? alerts[0] : '提交的数据有误'}
            description={alerts.length > 1 ? <ul className="wj-error-list">{alerts.map((a) => <li key={a}>{a}</li>)}</ul> : undefined} />
        )}
        <Card title="线索来源" size="small" className="wj-card">
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Form.Item name="source" label="线索来源" required>
                <Select placeholder="请选择线索来源" options={SOURCE_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="originRef" label={source ? ORIGIN_REF_LABELS[source] : '来源编号'} extra={source ? ORIGIN_HINTS[source] : undefined}>
                <Input maxLength={200} placeholder="文号、工单号或报道出处" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="receivedOn" label="收到（发现）日期" required>
                <DateStringPicker />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="当事人与线索内容" size="small" className="wj-card">
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item name="entityId" label="在名录库中查找当事人" extra="选中后自动填写当事人名称；名录库外的单位或个人直接填写名称">
                <EntitySelect
                  valueKey="id"
                  onChange={(v, option) => {
                    form.setFieldValue('entityId', v ?? null);
                    const label = (Array.isArray(option) ? option[0] : option)?.label;
                    if (v && typeof label === 'string') form.setFieldValue('unitName', label.replace(/（[^（]*）$/, ''));
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitName" label="当事人" required>
                <Input maxLength={200} placeholder="单位名称或个人姓名" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="category" label="专业类别">
                <CategorySelect />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="facts" label="线索内容" required>
                <Input.TextArea rows={5} maxLength={4000} showCount placeholder="涉嫌违法的事实、时间、地点及已掌握的证据材料" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="承办" size="small" className="wj-card">
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item name="agencyId" label="承办机构" required>
                <Select
                  placeholder="请选择承办机构"
                  loading={options.isLoading}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(options.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
                  onChange={() => form.setFieldValue('handlerIds', [])}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="handlerIds" label="承办人" extra="指定承办人后线索即进入核查；也可登记后由科室负责人指定">
                <Select
                  mode="multiple"
                  allowClear
                  placeholder="请选择承办人"
                  loading={options.isLoading}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(options.data?.handlers ?? []).map((h) => ({ value: h.id, label: h.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <div className="wj-form-footer">
          <Space>
            <Button onClick={() => navigate('/leads')}>取消</Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>登记</Button>
          </Space>
        </div>
      </Form>
    </PageContainer>
  );
}
