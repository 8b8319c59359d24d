/**
 * 导入上级下达计划: the plan's data plus the target list (.xlsx) handed down by a higher level. The targets
 * are not re-drawn; the plan's one stratum takes them all and only the inspectors are drawn here.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Col, ConfigProvider, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError, api, download, type ImportRowError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { applyErrors, fromZod, type PathError } from '../../components/formErrors';
import { CategorySelect, DateStringPicker, useAgencies } from '../../components/pickers';
import { PLAN_LEVELS } from '../../shared/schemas';
import { PlanInput, planLabels } from '../../../../server/domains/plans/schema';
import { useMatters, type Plan } from './api';
import { withinRegion } from './common';

interface ImportValues {
  issuedBy: string;
  name: string;
  level: string;
  year: number;
  agencyId: string;
  matterIds: string[];
  categories: string[];
  windowStart: string | null;
  windowEnd: string | null;
}

const labelToField = new Map(Object.entries(planLabels).map(([k, v]) => [v, k]));
const PLACEHOLDER_STRATUM = { key: 'handed-down', name: '上级下达名单', categories: [], regionCodes: [], mode: 'count', count: 1, ratioBp: 0 };

function popupContainer(trigger?: HTMLElement): HTMLElement {
  return (trigger?.closest('.ant-modal-body') as HTMLElement | null) ?? document.body;
}

export function ImportPlanDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (plan: Plan) => void }) {
  const [form] = Form.useForm<ImportValues>();
  const { me } = useAuth();
  const agencies = useAgencies();
  const matters = useMatters();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; errors: ImportRowError[]; errorCount: number; reportUrl?: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [failure]);

  const organiserOptions = useMemo(() => (agencies.data?.items ?? [])
    .filter((a) => me && withinRegion(a.regionCode, me.user.regionCode)).map((a) => ({ value: a.id, label: a.name })), [agencies.data, me]);
  const matterOptions = useMemo(() => (matters.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.code} ${m.name}` })), [matters.data]);

  const close = () => {
    form.resetFields();
    setFile(null);
    setFailure(null);
    onClose();
  };

  const submit = async () => {
    setFailure(null);
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })) as never);
    const v = form.getFieldsValue(true) as ImportValues;
    const planBody = {
      name: v.name, level: v.level, year: v.year, agencyId: v.agencyId, matterIds: v.matterIds ?? [], categories: v.categories ?? [],
      targetRegions: [], carrierAgencyIds: [], windowStart: v.windowStart ?? '', windowEnd: v.windowEnd ?? '',
      description: null,
    };
    const parsed = PlanInput.safeParse({ ...planBody, strata: [PLACEHOLDER_STRATUM] });
    if (!parsed.success) {
      applyErrors(form, fromZod(parsed.error).filter((e) => e.name[0] !== 'strata'), planLabels);
      if (parsed.error.issues.some((i) => i.path[0] !== 'strata')) return;
    }
    if (!file) {
      setFailure({ message: '请选择上级下达的检查对象名单（.xlsx）', errors: [], errorCount: 0 });
      return;
    }
    const body = new FormData();
    body.append('plan', JSON.stringify({ ...planBody, issuedBy: v.issuedBy?.trim() || undefined }));
    body.append('file', file, file.name);
    setBusy(true);
    try {
      const plan = await api.upload<Plan>('/api/plans/import', body);
      close();
      onImported(plan);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const b = err.body as { errors?: ImportRowError[]; errorCount?: number; reportUrl?: string };
        const all = b.errors ?? [];
        // Errors of the plan's own fields (row 0) go under the form fields; the rest are rows of the file.
        const onFields: PathError[] = all.filter((e) => e.row === 0 && labelToField.has(e.column)).map((e) => ({ name: [labelToField.get(e.column)!], message: e.message }));
        const left = applyErrors(form, onFields, planLabels);
        const rows = all.filter((e) => !(e.row === 0 && labelToField.has(e.column)));
        setFailure({ message: err.message, errors: [...rows, ...left.map((m) => ({ row: 0, column: '计划信息', message: m }))], errorCount: b.errorCount ?? all.length, reportUrl: b.reportUrl });
      } else if (err instanceof ApiError && err.fields.length) {
        const left = applyErrors(form, err.fields.map((f) => ({ name: [f.field], label: f.label, message: f.message })), planLabels);
        if (left.length) setFailure({ message: left.join('；'), errors: [], errorCount: 0 });
      } else {
        setFailure({ message: err instanceof Error ? err.message : '导入失败', errors: [], errorCount: 0 });
      }
    } finally {
      setBusy(false);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'plan-file', name: file.name, status: 'done', size: file.size }] : [];
  const year = dayjs().year();

  return (
    <Modal
      open={open}
      title="导入上级下达计划"
      width={820}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      footer={(
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={busy} onClick={submit}>导入并创建计划</Button>
        </Space>
      )}
    >
      <ConfigProvider getPopupContainer={popupContainer}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="上级已抽定检查对象的计划"
          description={(
            <span>
              录入上级下达的计划信息并上传检查对象名单。名单中的对象全部列为本计划的检查对象，本级只随机选派执法人员；
              任一行有误时不创建计划，并给出逐行错误报告。
              <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => download('/api/plans/import-template.xlsx')}>下载名单模板</Button>
            </span>
          )}
        />
        <Form<ImportValues>
          form={form}
          name="import-plan"
          layout="vertical"
          requiredMark
          initialValues={{ level: '省', year, agencyId: me?.agency?.id, matterIds: [], categories: [], windowStart: dayjs().format('YYYY-MM-DD'), windowEnd: `${year}-12-31` }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="issuedBy" label="下达机关"><Input maxLength={200} placeholder="例如：某某省卫生健康委员会" /></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label="计划名称" required><Input maxLength={200} placeholder="与上级文件中的计划名称一致" /></Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="level" label="计划层级" required><Select options={PLAN_LEVELS.map((l) => ({ value: l, label: l === '区县' ? '区县级' : `${l}级` }))} /></Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="year" label="年度" required><InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} /></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="agencyId" label="组织实施机构" required><Select options={organiserOptions} loading={agencies.isLoading} /></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="matterIds" label="抽查事项" required>
                <Select mode="multiple" maxTagCount="responsive" showSearch={{ optionFilterProp: 'label' }} options={matterOptions} placeholder="请选择抽查事项" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="categories" label="检查对象类别" required><CategorySelect multiple maxTagCount="responsive" /></Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="windowStart" label="实施开始日期" required><DateStringPicker /></Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="windowEnd" label="实施结束日期" required><DateStringPicker /></Form.Item>
            </Col>
          </Row>
        </Form>
        <div data-testid="plan-import-upload" className="wj-compact-dragger">
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => { setFile(f); setFailure(null); return false; }}
            onRemove={() => { setFile(null); return true; }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">点击或将检查对象名单（Excel）拖到此处</p>
            <p className="ant-upload-hint">仅支持 .xlsx；按统一社会信用代码匹配名录库中的检查对象</p>
          </Upload.Dragger>
        </div>
        {failure && (
          <div style={{ marginTop: 16 }} data-testid="plan-import-result" ref={resultRef}>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={failure.message}
              action={failure.reportUrl ? <Button danger size="small" icon={<DownloadOutlined />} onClick={() => download(failure.reportUrl!)}>下载错误报告</Button> : undefined}
              style={{ marginBottom: failure.errors.length ? 12 : 0 }}
            />
            {failure.errors.length > 0 && (
              <>
                {failure.errorCount > failure.errors.length && <Typography.Paragraph type="secondary">共 {failure.errorCount} 处错误，完整列表见错误报告。</Typography.Paragraph>}
                <Table<ImportRowError & { key: number }>
                  size="small"
                  bordered
                  rowKey="key"
                  aria-label="导入错误列表"
                  dataSource={failure.errors.map((e, i) => ({ ...e, key: i }))}
                  pagination={{ pageSize: 6, showSizeChanger: false, hideOnSinglePage: true }}
                  columns={[
                    { title: '行号', dataIndex: 'row', width: 72, align: 'center', render: (v: number) => (v ? v : '—') },
                    { title: '列', dataIndex: 'column', width: 170 },
                    { title: '原因', dataIndex: 'message' },
                  ]}
                />
              </>
            )}
          </div>
        )}
      </ConfigProvider>
    </Modal>
  );
}
