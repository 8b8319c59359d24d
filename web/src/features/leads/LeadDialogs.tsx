/**
 * The recorded actions on a lead: 指定承办人, 登记核查情况, 申请延期, 审批延期 and the four dispositions
 * (立案, 不予立案, 移送, 并案). Each sends the lead's version; a stale one offers to reload.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, AutoComplete, Form, Input, Radio, Select, Typography, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { ModalForm } from '../../components/ModalForm';
import { DateStringPicker } from '../../components/pickers';
import {
  AssignInput, DisposeInput, ExtensionDecisionInput, ExtensionRequestInput, leadLabels, TRANSFER_AUTHORITIES, VerifyInput, type Disposition,
} from '../../../../server/domains/leads/schema';
import { useLeadOptions, type LeadDetail, type LeadList } from './api';

export type LeadDialogKind = 'assign' | 'verify' | 'extension' | 'decision' | Disposition;

interface Props {
  lead: LeadDetail;
  kind: LeadDialogKind | null;
  onClose: () => void;
  onDone: (lead: LeadDetail, kind: LeadDialogKind) => void;
  /** Re-read the lead after a 409; returns its current version. */
  reload: () => Promise<LeadDetail>;
}

const today = () => dayjs().format('YYYY-MM-DD');

/** Keep what the user typed across a 409 reload: only the version changes. */
function useKeepValues() {
  const ref = useRef<FormInstance | null>(null);
  return {
    bind: (form: FormInstance) => { ref.current = form; },
    current: () => (ref.current?.getFieldsValue(true) ?? {}) as Record<string, unknown>,
  };
}

/** Leads of the same agency that this one may be merged into (open, or already filed as a case). */
function MergeTargetSelect({ lead, value, onChange, id }: { lead: LeadDetail; value?: string; onChange?: (v?: string) => void; id?: string }) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const { data, isFetching } = useQuery({
    queryKey: ['leads', 'merge-targets', lead.agencyId, debounced],
    queryFn: () => api.get<LeadList>('/api/leads', { agencyId: lead.agencyId, q: debounced || undefined, pageSize: 50 }),
    staleTime: 30_000,
  });
  const options = useMemo(() => (data?.items ?? [])
    .filter((l) => l.id !== lead.id && (l.disposition === null || l.disposition === 'file'))
    .map((l) => ({ value: l.id, label: `${l.code} ${l.unitName}${l.disposition === 'file' ? '（已立案）' : ''}` })), [data, lead.id]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      loading={isFetching}
      options={options}
      placeholder="输入编号或当事人搜索同一机构的线索"
      notFoundContent={isFetching ? '正在搜索…' : '没有可并入的线索'}
    />
  );
}

const DISPOSE_TITLES: Record<Disposition, string> = { file: '决定立案', no_file: '决定不予立案', transfer: '移送', merge: '并案处理' };

export function LeadDialogs({ lead, kind, onClose, onDone, reload }: Props) {
  const options = useLeadOptions(lead.agencyId);
  const keep = { assign: useKeepValues(), verify: useKeepValues(), extension: useKeepValues(), decision: useKeepValues(), dispose: useKeepValues() };
  const base = `/api/leads/${lead.id}`;
  const key = `${lead.id}-${lead.version}`;
  const common = (k: keyof typeof keep) => ({
    variant: 'modal' as const,
    labels: leadLabels,
    onClose,
    reload: async () => ({ ...keep[k].current(), version: (await reload()).version }),
  });
  const disposition: Disposition | null = kind === 'file' || kind === 'no_file' || kind === 'transfer' || kind === 'merge' ? kind : null;
  const headOptions = (options.data?.approvers ?? []).map((a) => ({ value: a.id, label: a.name }));

  return (
    <>
      <ModalForm<Record<string, unknown>, LeadDetail>
        key={`assign-${key}`}
        open={kind === 'assign'}
        {...common('assign')}
        name="assign"
        title="指定承办人"
        schema={AssignInput}
        initialValues={{ handlerIds: lead.handlerIds, version: lead.version }}
        onSubmit={(body) => api.post<LeadDetail>(`${base}/assign`, body)}
        onSuccess={(l) => onDone(l, 'assign')}
      >
        {(form) => {
          keep.assign.bind(form);
          return (
            <Form.Item name="handlerIds" label="承办人" required extra="承办人负责核查线索并登记核查情况">
              <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} loading={options.isLoading}
                options={(options.data?.handlers ?? []).map((h) => ({ value: h.id, label: h.name }))} placeholder="请选择承办人" />
            </Form.Item>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, LeadDetail>
        key={`verify-${key}`}
        open={kind === 'verify'}
        {...common('verify')}
        width={600}
        name="verify"
        title="登记核查情况"
        okText="提交"
        schema={VerifyInput}
        initialValues={{ verification: '', verifiedOn: today(), version: lead.version }}
        onSubmit={(body) => api.post<LeadDetail>(`${base}/verify`, body)}
        onSuccess={(l) => onDone(l, 'verify')}
      >
        {(form) => {
          keep.verify.bind(form);
          return (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 16 }}
                title="核查完成后，须在 7 个工作日内作出是否立案的决定（《卫生健康行政处罚程序规定》第三十二条；“七日”为工作日）" />
              <Form.Item name="verifiedOn" label="核查完成日期" required><DateStringPicker /></Form.Item>
              <Form.Item name="verification" label="核查情况" required>
                <Input.TextArea rows={5} maxLength={4000} showCount placeholder="核查方式、时间、地点，查明的事实和取得的证据" />
              </Form.Item>
            </>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, LeadDetail>
        key={`extension-${key}`}
        open={kind === 'extension'}
        {...common('extension')}
        name="extension"
        title="申请延长立案决定期限"
        okText="提交申请"
        schema={ExtensionRequestInput}
        initialValues={{ reason: '', version: lead.version }}
        onSubmit={(body) => api.post<LeadDetail>(`${base}/extension`, body)}
        onSuccess={(l) => onDone(l, 'extension')}
      >
        {(form) => {
          keep.extension.bind(form);
          return (
            <>
              <Alert type="warning" showIcon style={{ marginBottom: 16 }}
                title={`立案决定期限 ${lead.filingDue}。经机构负责人批准可延长 7 个工作日，仅可延长一次，须在期限届满前批准。`} />
              <Form.Item name="reason" label="延期理由" required>
                <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：需调取当事人近三个月的经营记录" />
              </Form.Item>
            </>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, LeadDetail>
        key={`decision-${key}`}
        open={kind === 'decision'}
        {...common('decision')}
        name="decision"
        title="审批延期申请"
        okText="提交"
        schema={ExtensionDecisionInput}
        initialValues={{ approve: true, note: '', version: lead.version }}
        onSubmit={(body) => api.post<LeadDetail>(`${base}/extension/decision`, body)}
        onSuccess={(l) => onDone(l, 'decision')}
      >
        {(form) => {
          keep.decision.bind(form);
          return (
            <>
              <div className="wj-event-reason" style={{ marginBottom: 16 }}>
                <Typography.Text type="secondary">申请理由：</Typography.Text>{lead.extensionReason}
              </div>
              <Form.Item name="approve" label="审批意见" required>
                <Radio.Group options={[{ value: true, label: '批准延期 7 个工作日' }, { value: false, label: '不同意延期' }]} />
              </Form.Item>
              <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
            </>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, LeadDetail>
        key={`dispose-${key}-${disposition ?? ''}`}
        open={!!disposition}
        {...common('dispose')}
        width={600}
        name="dispose"
        title={disposition ? DISPOSE_TITLES[disposition] : '处置'}
        okText="确认处置"
        schema={DisposeInput}
        initialValues={{
          disposition, dispositionOn: today(), version: lead.version,
          approverId: headOptions.length === 1 ? headOptions[0].value : undefined,
        }}
        toBody={(v) => ({ ...v, disposition })}
        onSubmit={(body) => api.post<LeadDetail>(`${base}/dispose`, body)}
        onSuccess={(l) => onDone(l, disposition!)}
      >
        {(form) => {
          keep.dispose.bind(form);
          return (
            <>
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="处置后线索即办结，不能撤销或删除，请核对后提交" />
              <Form.Item name="dispositionOn" label={disposition === 'transfer' ? '移送日期' : disposition === 'merge' ? '并案日期' : '决定日期'} required>
                <DateStringPicker />
              </Form.Item>
              {(disposition === 'file' || disposition === 'no_file') && (
                <Form.Item name="approverId" label="批准人（机构负责人）" required extra="是否立案由机构负责人决定">
                  <Select options={headOptions} loading={options.isLoading} placeholder="请选择负责人" />
                </Form.Item>
              )}
              {disposition === 'transfer' && (
                <>
                  <Form.Item name="transferTo" label="移送机关" required>
                    <AutoComplete options={TRANSFER_AUTHORITIES.map((a) => ({ value: a }))} placeholder="选择或填写接收机关" filterOption />
                  </Form.Item>
                  <Form.Item name="transferDocNo" label="移送文书文号" required>
                    <Input maxLength={100} placeholder={`如 ${options.data?.agencies.find((a) => a.id === lead.agencyId)?.docPrefix ?? ''}移〔${dayjs().year()}〕1号`} />
                  </Form.Item>
                </>
              )}
              {disposition === 'merge' && (
                <Form.Item name="mergedInto" label="并入线索" required extra="同一当事人的同一违法行为并入已登记的线索一并处理">
                  <MergeTargetSelect lead={lead} />
                </Form.Item>
              )}
              <Form.Item name="dispositionReason" label={disposition === 'no_file' ? '不予立案理由' : disposition === 'file' ? '立案意见' : '说明'} required={disposition === 'no_file'}>
                <Input.TextArea rows={3} maxLength={2000} showCount
                  placeholder={disposition === 'no_file' ? '例如：经核查未发现违法事实' : disposition === 'file' ? '例如：违法事实基本清楚，依法应当给予行政处罚' : ''} />
              </Form.Item>
            </>
          );
        }}
      </ModalForm>
    </>
  );
}
