/** The recorded actions of a complaint, each a short dialog validated with the server's own schema. */
import { Alert, Form, Input, InputNumber, Radio, Select, type UploadFile } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ModalForm, useKeepValues } from '../../components/ModalForm';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import {
  AssignInput, CallbackInput, complaintLabels, ExtendInput, HandleInput, MergeInput, OUTCOMES, RejectInput, ReplyInput, RevealInput, TransferInput,
  useTransferAgencies, VerifyInput, type Attachment, type Complaint, type ComplaintDetail, type DuplicateCandidate, type Identity,
} from './api';

export type DialogKind = 'reject' | 'assign' | 'transfer' | 'verify' | 'handle' | 'reply' | 'callback' | 'extend' | 'merge' | 'identity';

interface Props {
  c: ComplaintDetail;
  kind: DialogKind | null;
  /** For 'merge': the complaint chosen as master. */
  master?: DuplicateCandidate | null;
  onClose: () => void;
  onDone: (c: Complaint, kind: DialogKind) => void;
  onIdentity: (identity: Identity) => void;
  reload: () => Promise<ComplaintDetail>;
}



export function ComplaintDialogs({ c, kind, master, onClose, onDone, onIdentity, reload }: Props) {
  const base = `/api/complaints/${c.id}`;
  const key = `${c.id}-${c.version}`;
  const keep = useKeepValues<Record<string, unknown>>();
  const agencies = useTransferAgencies();
  const assignees = useQuery({
    queryKey: ['complaints', c.id, 'assignees'],
    queryFn: () => api.get<{ items: { id: string; displayName: string; roles: string[] }[] }>(`${base}/assignees`),
    enabled: kind === 'assign',
  });
  const common = {
    variant: 'modal' as const,
    labels: complaintLabels,
    onClose,
    reload: async () => ({ ...keep.current(), version: (await reload()).version }),
  };
  type R = Record<string, unknown>;

  return (
    <>
      <ModalForm<R, Complaint> key={`reject-${key}`} {...common} open={kind === 'reject'} name="reject" title="不予受理" okText="确定不予受理" schema={RejectInput}
        initialValues={{ version: c.version, reason: '' }} onSubmit={(b) => api.post(`${base}/reject`, b)} onSuccess={(r) => onDone(r, 'reject')}>
        {(f) => { keep.bind(f); return (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="不予受理的理由将在查询页面告知投诉人，请写明依据和可向哪个部门反映。" />
            <Form.Item name="reason" label="不予受理理由" required><Input.TextArea rows={4} maxLength={500} showCount /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`assign-${key}`} {...common} open={kind === 'assign'} name="assign" title="分派承办人" okText="分派" schema={AssignInput}
        initialValues={{ version: c.version, section: c.section ?? '', assigneeIds: c.assigneeIds, note: '' }}
        toBody={(v) => ({ ...v, section: (v.section as string)?.trim() || null, note: (v.note as string)?.trim() || null })}
        onSubmit={(b) => api.post(`${base}/assign`, b)} onSuccess={(r) => onDone(r, 'assign')}>
        {(f) => { keep.bind(f); return (
          <>
            <Form.Item name="section" label="承办科室"><Input maxLength={64} placeholder="如：医疗卫生监督科" /></Form.Item>
            <Form.Item name="assigneeIds" label="承办人" required extra="可选本机构的监督员和科室负责人，最多 5 名">
              <Select mode="multiple" loading={assignees.isPending} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择承办人"
                options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
            </Form.Item>
            <Form.Item name="note" label="分派意见"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`transfer-${key}`} {...common} open={kind === 'transfer'} name="transfer" title="转办" okText="转办" schema={TransferInput}
        initialValues={{ version: c.version, reason: '' }} onSubmit={(b) => api.post(`${base}/transfer`, b)} onSuccess={(r) => onDone(r, 'transfer')}>
        {(f) => { keep.bind(f); return (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="转办后由接收机构重新受理，本机构将不能再查看该投诉；办理记录随件转移。" />
            <Form.Item name="toAgencyId" label="转办至" required>
              <Select showSearch={{ optionFilterProp: 'label' }} placeholder="有管辖权的监督机构"
                options={(agencies.data ?? []).filter((a) => a.id !== c.agencyId).map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
            <Form.Item name="reason" label="转办理由" required><Input.TextArea rows={3} maxLength={500} placeholder="如：发生地属云溪区管辖" /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`verify-${key}`} {...common} open={kind === 'verify'} name="verify" title="登记核查情况" okText="保存" width={620} schema={VerifyInput}
        initialValues={{ version: c.version, findings: c.findings ?? '', files: [] }}
        toBody={(v) => ({
          version: v.version, findings: v.findings,
          attachmentIds: ((v.files as UploadFile<Attachment>[]) ?? []).filter((x) => x.status === 'done' && x.response?.id).map((x) => x.response!.id),
        })}
        onSubmit={(b) => api.post(`${base}/verify`, b)} onSuccess={(r) => onDone(r, 'verify')}>
        {(f) => { keep.bind(f); return (
          <>
            <Form.Item name="findings" label="核查情况" required><Input.TextArea rows={6} maxLength={4000} showCount placeholder="核查时间、地点、人员，查明的事实" /></Form.Item>
            <Form.Item name="files" label="证据材料" extra="现场笔录、照片、检测报告等，单个文件不超过 20 MB"><AttachmentUpload label="上传证据材料" /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`handle-${key}`} {...common} open={kind === 'handle'} name="handle" title="处理" okText="提交" schema={HandleInput}
        initialValues={{ version: c.version, outcome: 'no_violation', note: '' }} toBody={(v) => ({ ...v, note: (v.note as string)?.trim() || null })}
        onSubmit={(b) => api.post(`${base}/handle`, b)} onSuccess={(r) => onDone(r, 'handle')}>
        {(f) => { keep.bind(f); return (
          <>
            <Form.Item name="outcome" label="处理结果" required>
              <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
              {({ getFieldValue }) => getFieldValue('outcome') === 'lead' && (
                <Alert type="info" showIcon style={{ marginBottom: 16 }} title="将在线索台账中登记一条来源为“群众检举控告”的线索，由承办人继续核查并作出立案决定。" />
              )}
            </Form.Item>
            <Form.Item name="note" label="处理意见"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`reply-${key}`} {...common} open={kind === 'reply'} name="reply" title="答复投诉人" okText="发送答复" width={620} schema={ReplyInput}
        initialValues={{ version: c.version, replyText: c.replyText ?? '' }} onSubmit={(b) => api.post(`${base}/reply`, b)} onSuccess={(r) => onDone(r, 'reply')}>
        {(f) => { keep.bind(f); return (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="答复内容将在查询页面向投诉人（含并案的投诉人）公开，请勿写入投诉人或承办人员的姓名、电话。" />
            <Form.Item name="replyText" label="答复内容" required><Input.TextArea rows={7} maxLength={4000} showCount /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`callback-${key}`} {...common} open={kind === 'callback'} name="callback" title="回访" okText="保存" schema={CallbackInput}
        initialValues={{ version: c.version, satisfaction: 3, note: '' }} toBody={(v) => ({ ...v, satisfaction: v.satisfaction ? v.satisfaction : null, note: (v.note as string)?.trim() || null })}
        onSubmit={(b) => api.post(`${base}/callback`, b)} onSuccess={(r) => onDone(r, 'callback')}>
        {(f) => { keep.bind(f); return (
          <>
            <Form.Item name="satisfaction" label="满意度">
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 3, label: '满意' }, { value: 2, label: '基本满意' }, { value: 1, label: '不满意' }, { value: 0, label: '未取得评价' }]} />
            </Form.Item>
            <Form.Item name="note" label="回访情况"><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`extend-${key}`} {...common} open={kind === 'extend'} name="extend" title="延长办理期限" okText="批准延期" schema={ExtendInput}
        initialValues={{ version: c.version, days: 30, reason: '' }} onSubmit={(b) => api.post(`${base}/extend`, b)} onSuccess={(r) => onDone(r, 'extend')}>
        {(f) => { keep.bind(f); return (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`办结期限 ${c.concludeDue ?? '—'}。情况复杂的，经机构负责人批准可延长一次，一般不超过 30 日（《信访工作条例》第三十四条）。`} />
            <Form.Item name="days" label="延长天数" required><InputNumber min={1} max={90} addonAfter="日" style={{ width: 160 }} /></Form.Item>
            <Form.Item name="reason" label="延期理由" required><Input.TextArea rows={3} maxLength={500} /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Complaint> key={`merge-${key}-${master?.id ?? ''}`} {...common} open={kind === 'merge'} name="merge" title="并案" okText="确定并案" schema={MergeInput}
        initialValues={{ version: c.version, masterId: master?.id, note: '' }} toBody={(v) => ({ ...v, note: (v.note as string)?.trim() || null })}
        onSubmit={(b) => api.post(`${base}/merge`, b)} onSuccess={(r) => onDone(r, 'merge')}>
        {(f) => { keep.bind(f); return (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }}
              title={`本件（${c.trackingCode}）将并入 ${master?.trackingCode ?? ''}，由该件统一办理。`}
              description="本件的投诉人信息保留；其查询页面显示主件的办理进度和答复。" />
            <Form.Item name="masterId" hidden><Input /></Form.Item>
            <Form.Item name="note" label="并案说明"><Input.TextArea rows={2} maxLength={500} placeholder="如：反映同一诊所无证行医问题" /></Form.Item>
          </>
        ); }}
      </ModalForm>

      <ModalForm<R, Identity> key={`identity-${key}`} variant="modal" open={kind === 'identity'} name="identity" title="查看投诉人身份信息" okText="查看" schema={RevealInput}
        labels={complaintLabels} onClose={onClose} initialValues={{ purpose: '' }} onSubmit={(b) => api.post(`${base}/identity`, b)} onSuccess={onIdentity}>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="投诉人身份信息受保护：本次查看将记录查看人、时间和事由，机构负责人和科室负责人可查阅记录。" />
        <Form.Item name="purpose" label="查看事由" required><Input maxLength={64} placeholder="如：联系投诉人核实情况" /></Form.Item>
      </ModalForm>
    </>
  );
}
