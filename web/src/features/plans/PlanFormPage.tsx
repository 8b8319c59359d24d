/** 新建 / 编辑抽查计划 (drafts only): basic data, strata, staffing rules, exclusions and the weight table. */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Col, Collapse, Form, Input, InputNumber, Result, Row, Select, Skeleton, Space, Switch, Table, Tooltip, Typography,
} from 'antd';
import { DeleteOutlined, EyeOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { categoryLabel } from '../../app/meta';
import { applyErrors, fromServer, fromZod } from '../../components/formErrors';
import { PageContainer } from '../../components/PageContainer';
import { CategorySelect, DateStringPicker, useAgencies } from '../../components/pickers';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { PLAN_LEVELS } from '../../shared/schemas';
// The server's own plan schema (pure zod): the form validates with the same rules and messages.
import { PlanInput, planLabels } from '../../../../server/domains/plans/schema';
import { regionLevel } from '../../../../server/domains/regions/region-code';
import { planKeys, useMatters, usePlan, usePlanMeta, type Plan, type Preview, type Weights } from './api';
import { withinRegion } from './common';
import { emptyPlan, newStratum, planToValues, toFormPaths, valuesToBody, type PlanFormValues } from './planForm';
import { PreviewStrata, PreviewSummary, StaffingProblems } from './PreviewPanel';
import './plans.css';

const LEVEL_BY_REGION: Record<number, string> = { 1: '省', 2: '市', 3: '区县', 4: '区县', 5: '区县' };
const thisYear = new Date().getFullYear();

/** Route element: one form instance per plan (a new plan that is saved continues as an edit). */
export default function PlanFormRoute() {
  const { id } = useParams();
  return <PlanFormPage key={id ?? 'new'} id={id} />;
}

function PlanFormPage({ id }: { id?: string }) {
  const { me } = useAuth();
  const meta = usePlanMeta();
  const plan = usePlan(id);
  const navigate = useNavigate();
  const title = id ? '编辑抽查计划' : '新建抽查计划';

  if (meta.isPending || (id && plan.isPending)) {
    return <PageContainer title={title}><Card><Skeleton active paragraph={{ rows: 12 }} /></Card></PageContainer>;
  }
  if (meta.isError || plan.isError) {
    const err = (plan.error ?? meta.error) as Error;
    return <PageContainer title={title}><Card><Result status={err instanceof ApiError && err.status === 404 ? '404' : 'error'} title="无法加载抽查计划" subTitle={err.message} /></Card></PageContainer>;
  }
  if (plan.data && plan.data.status !== 'draft') {
    return (
      <PageContainer title={title}>
        <Card>
          <Result
            status="warning"
            title="计划发布后不能修改"
            subTitle="发布时已冻结候选名单并公开承诺值，计划内容不能再改动。"
            extra={<Button type="primary" onClick={() => navigate(`/plans/${plan.data!.id}`)}>返回计划详情</Button>}
          />
        </Card>
      </PageContainer>
    );
  }
  const level = LEVEL_BY_REGION[regionLevel(me?.agency?.regionCode ?? '') ?? 3];
  const initial = plan.data ? planToValues(plan.data) : emptyPlan(me?.agency?.id, level, meta.data.defaultWeights);
  return <PlanForm plan={plan.data} initial={initial} defaultWeights={meta.data.defaultWeights} />;
}

interface PlanFormProps {
  plan?: Plan;
  initial: PlanFormValues;
  defaultWeights: Weights;
}

function PlanForm({ plan, initial, defaultWeights }: PlanFormProps) {
  const [form] = Form.useForm<PlanFormValues>();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const version = useRef(plan?.version ?? 0);
  const [saving, setSaving] = useState<'save' | 'preview' | null>(null);
  const [alerts, setAlerts] = useState<string[]>([]);
  const [previewStale, setPreviewStale] = useState(false);
  const previewRef = useRef<HTMLDivElement>(null);

  // A plan saved from /plans/new arrives here with { preview: true }: run the preview once.
  const wantPreview = !!(location.state as { preview?: boolean } | null)?.preview;
  const preview = useQuery({
    queryKey: planKeys.preview(plan?.id ?? ''),
    queryFn: () => api.get<Preview>(`/api/plans/${plan!.id}/preview`),
    enabled: !!plan && wantPreview,
    staleTime: 0,
  });
  useEffect(() => {
    if (preview.data && wantPreview) previewRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [preview.data, wantPreview]);

  const agencies = useAgencies();
  const matters = useMatters();
  const agencyId = Form.useWatch('agencyId', form);
  const organiser = agencies.data?.items.find((a) => a.id === agencyId);

  const organiserOptions = useMemo(() => (agencies.data?.items ?? [])
    .filter((a) => me && withinRegion(a.regionCode, me.user.regionCode))
    .map((a) => ({ value: a.id, label: a.name })), [agencies.data, me]);
  const carrierOptions = useMemo(() => (agencies.data?.items ?? [])
    .filter((a) => organiser && withinRegion(a.regionCode, organiser.regionCode))
    .map((a) => ({ value: a.id, label: a.id === organiser?.id ? `${a.name}（组织实施机构）` : a.name })), [agencies.data, organiser]);
  const matterOptions = useMemo(() => (matters.data?.items ?? []).map((m) => ({
    value: m.id,
    label: `${m.code} ${m.name}`,
    title: `${m.code} ${m.name}（${m.categoryLabel ?? categoryLabel(m.category)}）`,
  })), [matters.data]);

  const onMattersChange = (ids: string[]) => {
    // Suggest the plan's categories from the matters while none have been chosen.
    const current = form.getFieldValue('categories') as string[] | undefined;
    if (current?.length) return;
    const cats = [...new Set((matters.data?.items ?? []).filter((m) => ids.includes(m.id)).map((m) => m.category))];
    if (cats.length) form.setFieldValue('categories', cats);
  };

  const clearErrors = () => {
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })) as never);
    setAlerts([]);
  };
  const scrollToFirstError = () => {
    const first = form.getFieldsError().find((f) => f.errors.length);
    if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
    else window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  /** Validate, save (create or update) and return the saved plan; null when invalid or refused. */
  const save = async (): Promise<Plan | null> => {
    clearErrors();
    const values = form.getFieldsValue(true) as PlanFormValues;
    const body = valuesToBody(values);
    const parsed = PlanInput.safeParse(body);
    if (!parsed.success) {
      setAlerts(applyErrors(form, toFormPaths(fromZod(parsed.error), values), planLabels));
      scrollToFirstError();
      return null;
    }
    try {
      const saved = plan
        ? await api.put<Plan>(`/api/plans/${plan.id}`, { ...body, version: version.current })
        : await api.post<Plan>('/api/plans', body);
      version.current = saved.version;
      qc.setQueryData(planKeys.detail(saved.id), saved);
      void qc.invalidateQueries({ queryKey: ['plans', 'list'] });
      setPreviewStale(false);
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        modal.confirm({
          title: '数据冲突，未能保存',
          content: err.message,
          okText: '重新加载最新数据',
          cancelText: '取消',
          onOk: async () => {
            if (!plan) return;
            const fresh = await api.get<Plan>(`/api/plans/${plan.id}`);
            qc.setQueryData(planKeys.detail(plan.id), fresh);
            if (fresh.status !== 'draft') { navigate(`/plans/${plan.id}`); return; }
            version.current = fresh.version;
            form.resetFields();
            form.setFieldsValue(planToValues(fresh));
          },
        });
      } else if (err instanceof ApiError && err.fields.length) {
        const rest = applyErrors(form, toFormPaths(fromServer(err.fields), values), planLabels);
        setAlerts(rest);
        scrollToFirstError();
      } else {
        setAlerts([err instanceof Error ? err.message : '保存失败']);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }
      return null;
    }
  };

  const onSave = async () => {
    setSaving('save');
    try {
      const saved = await save();
      if (saved) {
        message.success(plan ? '已保存计划草稿' : '已创建计划草稿');
        navigate(`/plans/${saved.id}`);
      }
    } finally {
      setSaving(null);
    }
  };

  const onPreview = async () => {
    setSaving('preview');
    try {
      const saved = await save();
      if (!saved) return;
      if (!plan) {
        message.success('已创建计划草稿');
        navigate(`/plans/${saved.id}/edit`, { replace: true, state: { preview: true } });
        return;
      }
      if (!wantPreview) navigate('.', { replace: true, state: { preview: true } });
      await qc.invalidateQueries({ queryKey: planKeys.preview(saved.id) });
      await preview.refetch();
    } finally {
      setSaving(null);
    }
  };

  const previewByKey = useMemo(() => new Map((preview.data?.strata ?? []).map((s) => [s.key, s])), [preview.data]);

  return (
    <PageContainer
      title={plan ? `编辑抽查计划：${plan.name}` : '新建抽查计划'}
      subTitle={plan ? `草稿 · 第 ${plan.version} 版` : '保存为草稿后可预览候选对象，确认无误再发布'}
    >
      {alerts.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={alerts.length === 1 ? alerts[0] : '提交的数据有误'}
          description={alerts.length > 1 ? <ul className="wj-error-list">{alerts.map((a) => <li key={a}>{a}</li>)}</ul> : undefined}
        />
      )}
      {plan?.source === 'imported' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="上级下达的计划" description={`检查对象名单由上级下达${plan.issuedBy ? `（${plan.issuedBy}）` : ''}，本级只随机选派执法人员；抽取层级不能增减。`} />
      )}
      <Form<PlanFormValues>
        form={form}
        name="plan"
        layout="vertical"
        initialValues={initial}
        onFinish={onSave}
        onValuesChange={() => { if (preview.data) setPreviewStale(true); }}
        requiredMark
        className="wj-plan-form"
      >
        <Card title="基本信息" className="wj-card" size="small">
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="name" label="计划名称" required>
                <Input maxLength={200} placeholder={`例如：${thisYear}年公共场所卫生“双随机”监督抽查计划`} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="level" label="计划层级" required>
                <Select options={PLAN_LEVELS.map((l) => ({ value: l, label: l === '区县' ? '区县级' : `${l}级` }))} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="year" label="年度" required>
                <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} suffix="年" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="agencyId" label="组织实施机构" required extra="本机构或下级机构">
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={agencies.isLoading}
                  options={organiserOptions}
                  placeholder="请选择组织实施机构"
                  onChange={() => form.setFieldValue('carrierAgencyIds', [])}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="carrierAgencyIds" label="承办机构" extra="不选择时由组织实施机构承办；选择多个时，每个检查对象由其所在辖区最近的承办机构派员">
                <Select
                  mode="multiple"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={carrierOptions}
                  disabled={!organiser}
                  maxTagCount="responsive"
                  placeholder={organiser ? '默认：组织实施机构' : '请先选择组织实施机构'}
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="windowStart" label="实施开始日期" required><DateStringPicker /></Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="windowEnd" label="实施结束日期" required extra="检查任务的办理期限"><DateStringPicker /></Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="targetRegions" label="抽查区域" extra="不选择时为组织实施机构的全部辖区">
                <RegionTreeSelect multiple maxTagCount="responsive" placeholder="全部辖区" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="matterIds" label="抽查事项" required extra="取自“一单两库”的随机抽查事项清单">
                <Select
                  mode="multiple"
                  allowClear
                  showSearch={{ optionFilterProp: 'title' }}
                  loading={matters.isLoading}
                  options={matterOptions}
                  optionLabelProp="label"
                  maxTagCount="responsive"
                  placeholder="请选择抽查事项"
                  onChange={onMattersChange}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="categories" label="检查对象类别" required extra="在业且属于所选类别（含其细分类别）的检查对象为候选对象">
                <CategorySelect multiple maxTagCount="responsive" placeholder="请选择检查对象类别" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label="计划说明">
                <Input.TextArea rows={2} maxLength={2000} showCount placeholder="抽查依据、工作要求等（选填，随计划公开）" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          title="抽取层级"
          className="wj-card"
          size="small"
          extra={<Typography.Text type="secondary" className="wj-card-hint">候选对象按层级分别抽取；对象属于第一个与其类别、区域均相符的层级</Typography.Text>}
        >
          <StrataEditor locked={plan?.source === 'imported'} previewByKey={preview.data && !previewStale ? previewByKey : undefined} />
          <div ref={previewRef} className="wj-preview-anchor" />
          <div className="wj-preview-bar">
            <Tooltip title="预览基于保存后的计划：将先保存当前内容为草稿">
              <Button icon={<EyeOutlined />} loading={saving === 'preview' || preview.isFetching} onClick={onPreview}>保存并预览候选</Button>
            </Tooltip>
            {preview.data && previewStale && <Typography.Text type="warning">计划内容已修改，预览结果可能已过时，请重新预览</Typography.Text>}
          </div>
          {preview.isError && <Alert type="error" showIcon title="预览失败" description={preview.error.message} style={{ marginTop: 12 }} />}
          {preview.data && (
            <div className="wj-preview" data-testid="plan-preview">
              <PreviewSummary preview={preview.data} />
              <PreviewStrata preview={preview.data} />
              <div style={{ marginTop: 12 }}><StaffingProblems preview={preview.data} /></div>
            </div>
          )}
        </Card>

        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card title="派员规则" className="wj-card wj-equal-card" size="small">
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name={['rules', 'inspectorsPerTarget']} label="每户执法人员数" required extra="不少于 2 人（行政处罚法第四十二条）">
                    <InputNumber min={2} max={5} precision={0} suffix="人" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['rules', 'maxSharePct']} label="个人工作量上限" required extra="一名执法人员承担的任务不超过本机构任务总数的比例">
                    <InputNumber min={0.01} max={100} step={5} precision={2} suffix="%" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['rules', 'avoidSameTown']} label="同乡镇回避" valuePropName="checked" extra="不选派居住在检查对象所在乡镇（街道）的人员">
                    <Switch checkedChildren="启用" unCheckedChildren="不启用" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['rules', 'avoidLastPair']} label="避免与上次检查人员相同" valuePropName="checked" extra="不再派出上次检查该对象的同一组人员">
                    <Switch checkedChildren="启用" unCheckedChildren="不启用" />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Paragraph type="secondary" className="wj-note">
                执法证在计划结束日前到期的人员、与检查对象有申报利害关系的人员，以及专业领域与检查对象类别不符的人员，均不参与选派。
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title="排除规则" className="wj-card wj-equal-card" size="small">
              <Form.Item
                name={['exclusions', 'excludeInspectedInPeriod']}
                label="排除本年度已被抽中的对象"
                valuePropName="checked"
                extra="本年度其他计划中已就相同抽查事项抽中的对象不再列为候选（登记为“无法检查”的除外）"
              >
                <Switch checkedChildren="排除" unCheckedChildren="不排除" />
              </Form.Item>
              <Form.Item name={['exclusions', 'minIntervalDays']} label="最短检查间隔" extra="发布前该天数内已完成检查的对象不列为候选；0 表示不限">
                <InputNumber min={0} max={3650} precision={0} suffix="天" style={{ width: 200 }} />
              </Form.Item>
            </Card>
          </Col>
        </Row>

        <Collapse
          className="wj-card wj-weights"
          items={[{
            key: 'weights',
            label: <span><b>抽取权重</b><Typography.Text type="secondary" className="wj-collapse-hint">（高级设置，一般无需修改）</Typography.Text></span>,
            children: <WeightsEditor defaults={defaultWeights} onReset={() => form.setFieldValue('weights', structuredClone(defaultWeights))} />,
          }]}
        />

        <div className="wj-form-footer">
          <Space wrap>
            <Button onClick={() => navigate(plan ? `/plans/${plan.id}` : '/plans')}>取消</Button>
            <Button icon={<EyeOutlined />} loading={saving === 'preview'} onClick={onPreview}>保存并预览候选</Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving === 'save'}>保存草稿</Button>
          </Space>
        </div>
      </Form>
    </PageContainer>
  );
}

/** The strata as an editable table (Form.List "strata"). */
function StrataEditor({ locked, previewByKey }: { locked?: boolean; previewByKey?: Map<string, { candidates: number; targets: number }> }) {
  return (
    <Form.List name="strata">
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            className="wj-items-editor wj-strata-table"
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            scroll={{ x: 1080 }}
            aria-label="抽取层级"
            dataSource={fields}
            columns={[
              {
                title: '层级编码', key: 'key', width: 120,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'key']} className="wj-cell-item" rules={[{ required: true, message: '请填写编码' }]}>
                    <Input maxLength={32} placeholder="如 s1" aria-label={`第 ${f.name + 1} 层编码`} disabled={locked} />
                  </Form.Item>
                ),
              },
              {
                title: '层级名称', key: 'name', width: 170,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'name']} className="wj-cell-item" rules={[{ required: true, message: '请填写名称' }]}>
                    <Input maxLength={50} placeholder="如 住宿场所" aria-label={`第 ${f.name + 1} 层名称`} />
                  </Form.Item>
                ),
              },
              {
                title: '专业类别', key: 'categories', width: 220,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'categories']} className="wj-cell-item">
                    <CategorySelect multiple maxTagCount="responsive" placeholder="不限（计划全部类别）" aria-label={`第 ${f.name + 1} 层专业类别`} disabled={locked} />
                  </Form.Item>
                ),
              },
              {
                title: '区域', key: 'regions', width: 200,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'regionCodes']} className="wj-cell-item">
                    <RegionTreeSelect multiple maxTagCount="responsive" placeholder="不限（全部区域）" aria-label={`第 ${f.name + 1} 层区域`} disabled={locked} />
                  </Form.Item>
                ),
              },
              {
                title: '抽取方式', key: 'mode', width: 110,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'mode']} className="wj-cell-item">
                    <Select aria-label={`第 ${f.name + 1} 层抽取方式`} disabled={locked} options={[{ value: 'count', label: '按数量' }, { value: 'ratio', label: '按比例' }]} />
                  </Form.Item>
                ),
              },
              {
                title: '抽取数量 / 比例', key: 'amount', width: 140,
                render: (_v, f) => (
                  <Form.Item noStyle shouldUpdate={(a, b) => a.strata?.[f.name]?.mode !== b.strata?.[f.name]?.mode}>
                    {({ getFieldValue }) => (getFieldValue(['strata', f.name, 'mode']) === 'ratio' ? (
                      <Form.Item name={[f.name, 'ratioPct']} className="wj-cell-item">
                        <InputNumber min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} aria-label={`第 ${f.name + 1} 层抽取比例`} disabled={locked} />
                      </Form.Item>
                    ) : (
                      <Form.Item name={[f.name, 'count']} className="wj-cell-item">
                        <InputNumber min={1} max={1_000_000} precision={0} suffix="户" style={{ width: '100%' }} aria-label={`第 ${f.name + 1} 层抽取数量`} disabled={locked} />
                      </Form.Item>
                    ))}
                  </Form.Item>
                ),
              },
              {
                title: '候选 / 拟抽取', key: 'preview', width: 120, align: 'center',
                render: (_v, f) => (
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) => {
                      const p = previewByKey?.get(getFieldValue(['strata', f.name, 'key']));
                      return p ? <span>{p.candidates} / <b>{p.targets}</b></span> : <Typography.Text type="secondary">待预览</Typography.Text>;
                    }}
                  </Form.Item>
                ),
              },
              {
                title: '操作', key: 'op', width: 64, align: 'center',
                render: (_v, f) => (
                  <Button type="text" danger icon={<DeleteOutlined />} disabled={locked || fields.length <= 1} onClick={() => remove(f.name)} aria-label={`删除第 ${f.name + 1} 层`} />
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          {!locked && (
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add(newStratum(fields.length))}>添加层级</Button>
          )}
        </>
      )}
    </Form.List>
  );
}

const GRADES = ['A', 'B', 'C', 'D'];

/** The weight table: each candidate's chance is proportional to its weight. */
function WeightsEditor({ defaults, onReset }: { defaults: Weights; onReset: () => void }) {
  const cell = (name: (string | number)[], label: string) => (
    <Form.Item name={['weights', ...name]} className="wj-cell-item">
      <InputNumber min={0} max={10_000} precision={0} style={{ width: 110 }} aria-label={label} />
    </Form.Item>
  );
  const rows = [
    { key: 'base', item: '基础权重', note: '每个候选对象都有的权重，不小于 1', control: cell(['base'], '基础权重'), def: defaults.base },
    ...GRADES.map((g) => ({
      key: `risk-${g}`, item: `风险等级 ${g} 级`, note: g === 'A' ? '风险越高，加权越多（A 级最低，D 级最高）' : '',
      control: cell(['riskGrade', g], `风险等级 ${g} 级加权`), def: defaults.riskGrade[g] ?? 0,
    })),
    ...GRADES.map((g) => ({
      key: `credit-${g}`, item: `信用等级 ${g} 级`, note: g === 'A' ? '信用越差，加权越多（A 级最好，D 级最差）' : '',
      control: cell(['creditClass', g], `信用等级 ${g} 级加权`), def: defaults.creditClass[g] ?? 0,
    })),
    { key: 'keyList', item: '列入重点监管名单', note: '', control: cell(['keyList'], '重点监管名单加权'), def: defaults.keyList },
    { key: 'complaintEach', item: '每件查实的投诉举报', note: '', control: cell(['complaintEach'], '每件投诉举报加权'), def: defaults.complaintEach },
    { key: 'complaintMax', item: '投诉举报加权上限', note: '', control: cell(['complaintMax'], '投诉举报加权上限'), def: defaults.complaintMax },
  ];
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="权重如何影响抽取"
        description={(
          <>
            同一层级内，每个候选对象被抽中的机会与其权重成正比：
            <b>权重 = 基础权重 + 风险等级加权 + 信用等级加权 + 重点监管名单加权 + min(投诉举报件数 × 每件加权, 投诉举报加权上限)</b>。
            风险高、信用差的对象被抽中的机会更大，但任何对象都有被抽中的可能。权重表随计划一起计入计划哈希并在发布时公开，发布后不能更改。
          </>
        )}
      />
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        className="wj-items-editor"
        aria-label="抽取权重"
        dataSource={rows}
        scroll={{ x: 560 }}
        columns={[
          { title: '加权项目', dataIndex: 'item', width: 180 },
          { title: '权重', dataIndex: 'control', width: 140 },
          { title: '默认值', dataIndex: 'def', width: 90, align: 'right' },
          { title: '说明', dataIndex: 'note', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
        ]}
      />
      <div style={{ marginTop: 8 }}>
        <Button size="small" onClick={onReset}>恢复默认权重</Button>
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>默认值为本平台设置的默认权重表</Typography.Text>
      </div>
    </>
  );
}
