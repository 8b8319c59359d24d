/**
 * 来电来访登记: the phone operator's fast form. One column in the order of a call, the channel and today
 * preselected, the unit found in the register as you type (or typed freely), Ctrl+Enter to save; after
 * saving, the tracking code to read out to the caller and "继续登记" with the cursor back in the first field.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, AutoComplete, Button, Card, Checkbox, Col, Form, Input, Radio, Result, Row, Select, Space, TreeSelect, Typography, type InputRef,
} from 'antd';
import { PhoneOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import { DateStringPicker } from '../../components/pickers';
import { applyErrors, fromServer, fromZod } from '../../components/formErrors';
import {
  CHANNELS, COMPLAINT_CATEGORIES, complaintKeys, complaintLabels, STAFF_CHANNELS, StaffComplaintInput, useTransferAgencies, type Complaint,
} from './api';
import './complaints.css';

interface Values {
  channel: string;
  externalRef?: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
  contactAddress?: string;
  category?: string;
  unitName?: string;
  entityId?: string | null;
  regionCode?: string | null;
  address?: string;
  content?: string;
  occurredOn?: string | null;
  receivedOn?: string | null;
  agencyId?: string | null;
}

interface Unit { id: string; name: string; address: string; regionCode: string }
interface PlaceMeta { districts: { code: string; name: string; towns: { code: string; name: string }[] }[] }

const LAST_CHANNEL = 'wj.complaints.lastChannel';
const REF_LABELS: Record<string, string> = { hotline_12320: '12320 工单号', superior: '转办文号', department: '移送文号', letter: '信件编号', wechat: '微信留言编号' };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function useDebounced<T>(value: T, ms = 300) {
  const [v, setV] = useState(value);
  useEffect(() => { const t = setTimeout(() => setV(value), ms); return () => clearTimeout(t); }, [value, ms]);
  return v;
}

export default function ComplaintFormPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const first = useRef<InputRef>(null);
  const [alerts, setAlerts] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Complaint | null>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const debounced = useDebounced(unitQuery.trim());
  const channel = Form.useWatch('channel', form);
  const anonymous = Form.useWatch('anonymous', form);
  const entityId = Form.useWatch('entityId', form);
  const unitName = Form.useWatch('unitName', form);

  const defaults = (): Values => ({
    channel: localStorage.getItem(LAST_CHANNEL) && (STAFF_CHANNELS as readonly string[]).includes(localStorage.getItem(LAST_CHANNEL)!) ? localStorage.getItem(LAST_CHANNEL)! : 'hotline_12320',
    anonymous: false, receivedOn: today(), entityId: null, regionCode: null, agencyId: null,
  });

  const units = useQuery({
    queryKey: ['complaints', 'units', debounced],
    queryFn: () => api.get<{ items: Unit[] }>('/api/complaints/units', { q: debounced }),
    enabled: debounced.length >= 2 && !entityId,
    staleTime: 60_000,
  });
  const places = useQuery({ queryKey: ['public', 'complaints', 'meta'], queryFn: () => api.get<PlaceMeta>('/api/public/complaints/meta'), staleTime: 10 * 60_000 });
  const agencies = useTransferAgencies();
  // open complaints about the same unit: the operator can tell the caller it is already being handled
  const sameUnit = useQuery({
    queryKey: ['complaints', 'sameUnit', unitName],
    queryFn: () => api.get<{ total: number; items: Complaint[] }>('/api/complaints', { q: unitName, status: 'open', pageSize: 3 }),
    enabled: !!entityId && !!unitName,
  });

  const placeTree = useMemo(() => (places.data?.districts ?? []).map((d) => ({
    value: d.code, title: d.name, children: d.towns.map((t) => ({ value: t.code, title: `${d.name} ${t.name}` })),
  })), [places.data]);

  useEffect(() => { first.current?.focus(); }, []);

  const submit = async () => {
    setAlerts([]);
    const v = form.getFieldsValue(true) as Values;
    const body = {
      channel: v.channel, externalRef: v.externalRef?.trim() || null, anonymous: !!v.anonymous,
      name: v.anonymous ? null : v.name?.trim() || null, phone: v.anonymous ? null : v.phone?.trim() || null,
      contactAddress: v.anonymous ? null : v.contactAddress?.trim() || null,
      category: v.category, content: v.content ?? '', address: v.address ?? '', unitName: v.unitName?.trim() || null, entityId: v.entityId || null,
      regionCode: v.entityId ? null : v.regionCode || null, occurredOn: v.occurredOn || null, receivedOn: v.receivedOn || null, agencyId: v.agencyId || null,
    };
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })) as never);
    const parsed = StaffComplaintInput.safeParse(body);
    if (!parsed.success) {
      setAlerts(applyErrors(form, fromZod(parsed.error), complaintLabels));
      return;
    }
    setSaving(true);
    try {
      const created = await api.post<Complaint>('/api/complaints', body);
      localStorage.setItem(LAST_CHANNEL, v.channel);
      void qc.invalidateQueries({ queryKey: complaintKeys.all });
      setSaved(created);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setAlerts(applyErrors(form, fromServer(err.fields), complaintLabels));
      else setAlerts([err instanceof Error ? err.message : '保存失败']);
    } finally {
      setSaving(false);
    }
  };

  const again = () => {
    setSaved(null);
    form.resetFields();
    form.setFieldsValue(defaults());
    setUnitQuery('');
    setTimeout(() => first.current?.focus(), 0);
  };

  if (saved) {
    return (
      <PageContainer title="来电来访登记">
        <Card className="wj-card">
          <Result
            status="success"
            title="已登记"
            subTitle={(
              <div className="wj-cp-saved">
                <div>请告知投诉人查询码（可在门户“投诉查询”中查看办理进度和答复）：</div>
                <div className="wj-cp-code" data-testid="tracking-code">{saved.trackingCode}</div>
                <div>承办机构：{saved.agencyName}；受理期限：{saved.acceptDue}</div>
              </div>
            )}
            extra={[
              <Button key="again" type="primary" icon={<PhoneOutlined />} onClick={again} autoFocus>继续登记</Button>,
              <Button key="view" onClick={() => navigate(`/complaints/${saved.id}`)}>查看详情</Button>,
              <Button key="list" onClick={() => navigate('/complaints')}>返回列表</Button>,
            ]}
          />
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer title="来电来访登记" subTitle="12320、电话、信件、来访、微信、上级转办和部门移送的投诉举报；Ctrl+Enter 保存">
      <Card className="wj-card wj-cp-form-card" size="small">
        {alerts.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={alerts.length === 1 ? alerts[0] : '提交的数据有误'} description={alerts.length > 1 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{alerts.map((a) => <li key={a}>{a}</li>)}</ul> : undefined} />}
        <Form<Values>
          form={form}
          name="complaint"
          layout="vertical"
          initialValues={defaults()}
          onFinish={submit}
          requiredMark
          className="wj-cp-form"
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}
        >
          <Row gutter={16}>
            <Col xs={24} lg={16}>
              <Form.Item name="channel" label="来源渠道" required>
                <Radio.Group optionType="button" buttonStyle="solid" options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              {REF_LABELS[channel ?? ''] && (
                <Form.Item name="externalRef" label={REF_LABELS[channel ?? '']}>
                  <Input maxLength={64} placeholder="选填" />
                </Form.Item>
              )}
            </Col>
          </Row>

          <Typography.Title level={5} className="wj-cp-section">投诉人</Typography.Title>
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={8} lg={6}>
              <Form.Item name="name" label="姓名" required={!anonymous}>
                <Input ref={first} maxLength={32} disabled={anonymous} placeholder={anonymous ? '匿名' : '投诉人姓名'} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={6}>
              <Form.Item name="phone" label="联系电话" required={!anonymous}>
                <Input maxLength={20} disabled={anonymous} placeholder={anonymous ? '匿名' : '手机或 区号-号码'} autoComplete="off" inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={4}>
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox>匿名投诉</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="contactAddress" label="联系地址">
                <Input maxLength={300} disabled={anonymous} placeholder="选填（信件答复等）" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" className="wj-cp-hint">投诉人信息仅承办人员可查看，查看须留痕；不会出现在公开页面、导出文件和送达被投诉单位的文书中。</Typography.Text>

          <Typography.Title level={5} className="wj-cp-section">投诉事项</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name="category" label="投诉类别" required>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" options={Object.entries(COMPLAINT_CATEGORIES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="unitName" label="被投诉单位" extra={entityId ? '已关联名录库中的单位' : '输入 2 个字以上从名录库中选择，或直接填写单位名称'}>
                <AutoComplete
                  options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: <div className="wj-cp-unit-option"><div>{u.name}</div><Typography.Text type="secondary">{u.address}</Typography.Text></div> }))}
                  onSearch={(v) => { setUnitQuery(v); if (entityId) form.setFieldsValue({ entityId: null }); }}
                  onSelect={(id: string) => {
                    const u = units.data?.items.find((x) => x.id === id);
                    if (!u) return;
                    form.setFieldsValue({ unitName: u.name, entityId: u.id, address: form.getFieldValue('address') || u.address, regionCode: null });
                    setUnitQuery('');
                  }}
                  placeholder="单位名称"
                  maxLength={200}
                  allowClear
                  onClear={() => form.setFieldsValue({ entityId: null })}
                />
              </Form.Item>
            </Col>
          </Row>
          {sameUnit.data && sameUnit.data.total > 0 && (
            <Alert
              type="warning" showIcon style={{ marginBottom: 12 }}
              title={`该单位已有 ${sameUnit.data.total} 件在办投诉`}
              description={<Space wrap>{sameUnit.data.items.map((c) => <Link key={c.id} to={`/complaints/${c.id}`} target="_blank">{c.trackingCode}（{c.statusLabel}）</Link>)}</Space>}
            />
          )}
          <Row gutter={16}>
            <Col xs={24} sm={16}>
              <Form.Item name="address" label="发生地点" required>
                <Input maxLength={300} placeholder="区、街道、路名门牌或明显标志" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="regionCode" label="所在区域" extra={entityId ? '按名录库中的单位确定' : '用于确定承办机构'}>
                <TreeSelect allowClear disabled={!!entityId} treeData={placeTree} placeholder="区县或街道（乡镇）" showSearch={{ treeNodeFilterProp: 'title' }} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="content" label="投诉内容" required>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder="发生了什么、涉及哪些人和事、持续多久、有何证据" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={12} sm={8} lg={6}>
              <Form.Item name="occurredOn" label="发生时间"><DateStringPicker placeholder="选填" /></Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={6}>
              <Form.Item name="receivedOn" label="收到日期" extra="信件按收到日期登记"><DateStringPicker /></Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={12}>
              <Form.Item name="agencyId" label="承办机构">
                <Select allowClear placeholder="自动（按被投诉单位或所在区域）" options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="entityId" hidden><Input /></Form.Item>
          <div className="wj-cp-form-footer">
            <Typography.Text type="secondary">保存后生成查询码，请告知投诉人</Typography.Text>
            <Space>
              <Button onClick={() => navigate('/complaints')}>取消</Button>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>保存登记（Ctrl+Enter）</Button>
            </Space>
          </div>
        </Form>
      </Card>
    </PageContainer>
  );
}
