/**
 * 我要投诉: the citizen's complaint form, phone first. What happened, where (address, district/town and,
 * if allowed, the phone's position), which unit (from the register or typed), when, the category, photos,
 * and a name and phone — or anonymous. Answered with a tracking code only after the complaint is stored.
 */
import { useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Cascader, Form, Input, Radio, Result, Select, Typography, Upload, type UploadFile } from 'antd';
import { AimOutlined, CameraOutlined, CopyOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PublicComplaintInput } from '../../../../../server/domains/complaints/schema';
import { DateStringPicker } from '../../../components/pickers';
import { PageHeading, Section, usePageTitle } from '../components';
import { getJson, PublicError, submitForm, submitJson, usePublicComplaintMeta } from './api';
import { rememberCode } from './recent';
import './complaints.css';

interface Values {
  category?: string;
  content?: string;
  address?: string;
  place?: string[];
  unitName?: string;
  occurredOn?: string | null;
  photos?: UploadFile[];
  identity: 'named' | 'anonymous';
  name?: string;
  phone?: string;
}

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);

export default function SubmitPage() {
  usePageTitle('我要投诉');
  const [form] = Form.useForm<Values>();
  const meta = usePublicComplaintMeta();
  const [key, setKey] = useState(newKey);
  const [entityId, setEntityId] = useState<string | null>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const identity = Form.useWatch('identity', form);
  const maxPhotos = meta.data?.limits.photos ?? 6;
  const maxBytes = meta.data?.limits.photoBytes ?? 5 * 1024 * 1024;

  const units = useQuery({
    queryKey: ['public', 'complaints', 'units', unitQuery],
    queryFn: () => getJson<{ items: { id: string; name: string; address: string }[] }>(`/api/public/complaints/units?q=${encodeURIComponent(unitQuery)}`),
    enabled: unitQuery.length >= 2,
    staleTime: 60_000,
  });
  const places = useMemo(() => (meta.data?.districts ?? []).map((d) => ({
    value: d.code, label: d.name, children: d.towns.map((t) => ({ value: t.code, label: t.name })),
  })), [meta.data]);

  const locate = () => {
    if (!navigator.geolocation) { setAlert('您的浏览器不支持定位，请填写详细地址'); return; }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => { setPoint({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 }); setLocating(false); },
      () => { setAlert('未能获取位置（可能未授权定位），请填写详细地址'); setLocating(false); },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = async () => {
    setAlert(null);
    const v = form.getFieldsValue(true) as Values;
    const anonymous = v.identity === 'anonymous';
    const place = v.place?.filter(Boolean) ?? [];
    const body = {
      category: v.category, content: v.content ?? '', address: v.address ?? '', unitName: v.unitName?.trim() || null, entityId,
      regionCode: place.length ? place[place.length - 1] : null, lat: point?.lat ?? null, lng: point?.lng ?? null, occurredOn: v.occurredOn || null,
      anonymous, name: anonymous ? null : v.name?.trim() || null, phone: anonymous ? null : v.phone?.trim() || null, submissionKey: key,
    };
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })) as never);
    const parsed = PublicComplaintInput.safeParse(body);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as keyof Values, errors: [i.message] })));
      const first = parsed.error.issues[0];
      if (first) form.scrollToField(String(first.path[0]), { block: 'center' });
      return;
    }
    const photos = (v.photos ?? []).map((f) => f.originFileObj).filter(Boolean) as File[];
    setSending(true);
    try {
      let res;
      if (photos.length) {
        const fd = new FormData();
        for (const [k, val] of Object.entries(body)) if (val !== null && val !== undefined && val !== '') fd.append(k, String(val));
        for (const p of photos) fd.append('photos', p, p.name);
        res = await submitForm(fd);
      } else res = await submitJson(body);
      rememberCode(res.data.trackingCode);
      setCode(res.data.trackingCode);
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof PublicError && err.fields.length) {
        form.setFields(err.fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
        setAlert(err.fields.map((f) => `${f.label ? `${f.label}：` : ''}${f.message}`).join('；'));
      } else setAlert(err instanceof Error ? err.message : '提交失败，请稍后重试');
    } finally {
      setSending(false);
    }
  };

  if (code) {
    return (
      <Section title="提交成功">
        <Result
          status="success"
          title="您的投诉举报已收到"
          subTitle="请保存下面的查询码，凭查询码可随时查看办理进度和答复。"
          extra={(
            <div className="wj-pub-cp-done">
              <div className="wj-pub-cp-code" data-testid="tracking-code">{code}</div>
              <Typography.Text copyable={{ text: code, icon: [<span key="c"><CopyOutlined /> 复制查询码</span>, <span key="d">已复制</span>], tooltips: false }} />
              <div className="wj-pub-cp-done-actions">
                <Link to={`/public/complaints/track?code=${encodeURIComponent(code)}`}><Button type="primary" size="large" block icon={<SearchOutlined />}>查询办理进度</Button></Link>
                <Button size="large" block onClick={() => { setCode(null); setKey(newKey()); setEntityId(null); setPoint(null); form.resetFields(); }}>再提交一件</Button>
              </div>
              <Typography.Paragraph type="secondary" className="wj-pub-note">
                监督机构将在 15 日内决定是否受理并在查询页面告知；12320 热线转来的投诉按热线时限办理。本页面和查询页面不会显示您的姓名和电话。
              </Typography.Paragraph>
            </div>
          )}
        />
      </Section>
    );
  }

  return (
    <>
      <PageHeading title="我要投诉举报">
        反映医疗机构、公共场所、生活饮用水、学校卫生、职业卫生、传染病防治、消毒产品等卫生健康领域的违法违规问题。
        紧急情况请拨打 120、110；咨询可拨打 12320 卫生健康热线。
      </PageHeading>
      {alert && <Alert type="error" showIcon className="wj-pub-alert" title={alert} role="alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="public-complaint"
        initialValues={{ identity: 'named', photos: [] }}
        onFinish={submit}
        requiredMark
        className="wj-pub-cp-form"
      >
        <Section title="反映的问题">
          <Form.Item name="category" label="问题类别" required>
            <Select placeholder="请选择" options={(meta.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))} loading={meta.isPending} size="large" />
          </Form.Item>
          <Form.Item name="content" label="发生了什么" required>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder="请具体说明问题：谁、做了什么、持续多久、您看到的情况" />
          </Form.Item>
          <Form.Item name="unitName" label="被投诉单位" extra={entityId ? '已从登记名录中选定' : '输入 2 个字以上可从登记名录中选择，也可直接填写'}>
            <AutoComplete
              size="large"
              allowClear
              maxLength={200}
              placeholder="单位名称（不清楚可不填）"
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: <div className="wj-pub-cp-unit"><div>{u.name}</div><span>{u.address}</span></div> }))}
              onSearch={(v) => { setUnitQuery(v.trim()); setEntityId(null); }}
              onSelect={(id: string) => {
                const u = units.data?.items.find((x) => x.id === id);
                if (!u) return;
                setEntityId(u.id);
                form.setFieldsValue({ unitName: u.name, address: form.getFieldValue('address') || u.address });
              }}
              onClear={() => setEntityId(null)}
            />
          </Form.Item>
          <Form.Item name="occurredOn" label="发生时间">
            <DateStringPicker placeholder="选填" />
          </Form.Item>
        </Section>

        <Section title="发生地点">
          <Form.Item name="address" label="详细地址" required>
            <Input size="large" maxLength={300} placeholder="区、街道、路名门牌或明显标志" />
          </Form.Item>
          <Form.Item name="place" label="所在区域" extra="用于确定负责办理的监督机构；已选择登记单位的可不填">
            <Cascader options={places} placeholder="区县 / 街道（乡镇）" changeOnSelect size="large" showSearch disabled={!!entityId} />
          </Form.Item>
          <div className="wj-pub-cp-locate">
            <Button icon={<AimOutlined />} onClick={locate} loading={locating}>使用当前位置</Button>
            {point && <Typography.Text type="secondary">已定位：{point.lat}, {point.lng} <a onClick={() => setPoint(null)}>清除</a></Typography.Text>}
          </div>
        </Section>

        <Section title="照片（选填）">
          <Form.Item name="photos" valuePropName="fileList" getValueFromEvent={(e) => e?.fileList} extra={`最多 ${maxPhotos} 张，每张不超过 ${maxBytes / 1024 / 1024} MB；只接受照片（JPEG、PNG、HEIC 等）`}>
            <Upload
              listType="picture-card"
              accept="image/*"
              multiple
              maxCount={maxPhotos}
              beforeUpload={(file) => {
                if (file.size > maxBytes) { setAlert(`照片“${file.name}”超过 ${maxBytes / 1024 / 1024} MB`); return Upload.LIST_IGNORE; }
                return false;
              }}
            >
              <div className="wj-pub-cp-upload"><CameraOutlined /><div>添加照片</div></div>
            </Upload>
          </Form.Item>
        </Section>

        <Section title="投诉人信息">
          <Form.Item name="identity">
            <Radio.Group optionType="button" buttonStyle="solid" size="large" className="wj-pub-cp-identity"
              options={[{ value: 'named', label: '实名投诉' }, { value: 'anonymous', label: '匿名投诉' }]} />
          </Form.Item>
          {identity === 'anonymous' ? (
            <Alert type="info" showIcon title="匿名投诉同样受理。由于无法联系您核实和回访，请尽量把问题写具体，并保存好查询码。" />
          ) : (
            <>
              <Form.Item name="name" label="姓名" required><Input size="large" maxLength={32} autoComplete="name" /></Form.Item>
              <Form.Item name="phone" label="联系电话" required><Input size="large" maxLength={20} inputMode="tel" autoComplete="tel" placeholder="手机号码或 区号-号码" /></Form.Item>
              <Typography.Paragraph type="secondary" className="wj-pub-note">
                您的姓名和电话只有负责办理的工作人员可以查看，每次查看都有记录；不会公开，也不会告知被投诉单位。
              </Typography.Paragraph>
            </>
          )}
        </Section>

        <div className="wj-pub-cp-submit">
          <Button type="primary" htmlType="submit" size="large" block loading={sending}>提交</Button>
          <Link to="/public/complaints/track" className="wj-pub-cp-track-link">已提交过？查询办理进度</Link>
        </div>
      </Form>
    </>
  );
}
