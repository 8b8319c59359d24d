/** The task's recorded actions: 登记检查结果, 无法检查, 安排复查, 办结复查. Each needs the task's version. */
import { Alert, Form, Input, Radio, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../app/api';
import { ModalForm, useKeepValues } from '../../components/ModalForm';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { DateStringPicker } from '../../components/pickers';
import { CloseFollowUpInput, FollowUpInput, OutcomeInput, taskLabels, UnableInput } from '../../../../server/domains/plans/schema';
import type { Attachment, Task, TaskDetail } from '../plans/api';

export type TaskDialogKind = 'outcome' | 'unable' | 'followUp' | 'close';

interface Props {
  task: TaskDetail;
  kind: TaskDialogKind | null;
  onClose: () => void;
  onDone: (task: Task, kind: TaskDialogKind) => void;
  /** Re-read the task after a 409; returns its current version. */
  reload: () => Promise<TaskDetail>;
}

const today = () => dayjs().format('YYYY-MM-DD');

const OutcomeSchema = OutcomeInput.refine((v) => v.result !== 'rectify' || !!v.followUpDue, { message: '责令整改时请填写复查日期', path: ['followUpDue'] });

type OutcomeValues = { result: 'qualified' | 'rectify' | 'case'; summary: string; inspectedOn: string; followUpDue?: string | null; files: UploadFile<Attachment>[]; version: number };

export function TaskDialogs({ task, kind, onClose, onDone, reload }: Props) {
  const outcome = useKeepValues<OutcomeValues>();
  const unable = useKeepValues<Record<string, unknown>>();
  const followUp = useKeepValues<Record<string, unknown>>();
  const close = useKeepValues<Record<string, unknown>>();
  const base = `/api/tasks/${task.id}`;
  const key = `${task.id}-${task.version}`;

  return (
    <>
      <ModalForm<OutcomeValues, Task>
        key={`outcome-${key}`}
        open={kind === 'outcome'}
        variant="modal"
        width={600}
        name="outcome"
        title="登记检查结果"
        okText="提交"
        schema={OutcomeSchema}
        labels={taskLabels}
        initialValues={{ result: 'qualified', inspectedOn: today(), summary: '', files: [], version: task.version }}
        toBody={(v) => ({
          result: v.result, summary: (v.summary ?? '').trim(), inspectedOn: v.inspectedOn,
          followUpDue: v.result === 'rectify' && v.followUpDue ? v.followUpDue : undefined,
          attachmentIds: (v.files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id),
          version: v.version,
        })}
        onSubmit={(body) => api.post<Task>(`${base}/outcome`, body)}
        onSuccess={(t) => onDone(t, 'outcome')}
        onClose={onClose}
        reload={async () => ({ ...outcome.current(), version: (await reload()).version })}
      >
        {(form) => {
          outcome.bind(form);
          return (
            <>
              <Form.Item name="result" label="检查结果" required>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  className="wj-result-radio"
                  options={[{ value: 'qualified', label: '合格' }, { value: 'rectify', label: '责令整改' }, { value: 'case', label: '移交立案' }]}
                />
              </Form.Item>
              <Form.Item name="inspectedOn" label="检查日期" required><DateStringPicker /></Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.result !== b.result}>
                {({ getFieldValue }) => (getFieldValue('result') === 'rectify' ? (
                  <Form.Item name="followUpDue" label="复查日期" required extra="责令限期整改的，到期后复查整改情况">
                    <DateStringPicker />
                  </Form.Item>
                ) : getFieldValue('result') === 'case' ? (
                  <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="移交立案后，案件办结时再登记“案件已办结”，任务方为完结" />
                ) : null)}
              </Form.Item>
              <Form.Item name="summary" label="检查情况" required>
                <Input.TextArea rows={4} maxLength={2000} showCount placeholder="检查内容、发现的问题及处理意见（将按规定公示）" />
              </Form.Item>
              <Form.Item name="files" label="附件" extra="现场检查笔录、照片等，单个文件不超过 20 MB">
                <AttachmentUpload />
              </Form.Item>
            </>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, Task>
        key={`unable-${key}`}
        open={kind === 'unable'}
        variant="modal"
        width={560}
        name="unable"
        title="登记无法检查"
        okText="提交"
        schema={UnableInput}
        labels={taskLabels}
        initialValues={{ inspectedOn: today(), note: '', version: task.version }}
        onSubmit={(body) => api.post<Task>(`${base}/unable`, body)}
        onSuccess={(t) => onDone(t, 'unable')}
        onClose={onClose}
        reload={async () => ({ ...unable.current(), version: (await reload()).version })}
      >
        {(form) => {
          unable.bind(form);
          return (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title="无法检查的对象计入已完成，原因随抽查结果公示" />
              <Form.Item name="reason" label="原因" required>
                <Radio.Group options={[
                  { value: 'not_found', label: '查无此户' }, { value: 'closed', label: '已关闭' }, { value: 'moved', label: '已迁出' }, { value: 'other', label: '其他原因' },
                ]} />
              </Form.Item>
              <Form.Item name="inspectedOn" label="核查日期" required><DateStringPicker /></Form.Item>
              <Form.Item name="note" label="情况说明" required>
                <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：按登记地址实地核查，该场所已停业并搬离" />
              </Form.Item>
            </>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, Task>
        key={`followUp-${key}`}
        open={kind === 'followUp'}
        variant="modal"
        width={480}
        name="follow-up"
        title="安排复查"
        okText="保存"
        schema={FollowUpInput}
        labels={taskLabels}
        initialValues={{ followUpDue: task.followUpDue, version: task.version }}
        onSubmit={(body) => api.post<Task>(`${base}/follow-up`, body)}
        onSuccess={(t) => onDone(t, 'followUp')}
        onClose={onClose}
        reload={async () => ({ ...followUp.current(), version: (await reload()).version })}
      >
        {(form) => {
          followUp.bind(form);
          return (
            <Form.Item name="followUpDue" label="复查日期" required extra="整改期限届满后复查整改情况">
              <DateStringPicker />
            </Form.Item>
          );
        }}
      </ModalForm>

      <ModalForm<Record<string, unknown>, Task>
        key={`close-${key}`}
        open={kind === 'close'}
        variant="modal"
        width={560}
        name="close-follow-up"
        title={task.result === 'case' ? '登记案件办结' : '办结复查'}
        okText="提交"
        schema={CloseFollowUpInput}
        labels={{ ...taskLabels, result: task.result === 'case' ? '处理结果' : '复查结果' }}
        initialValues={{ result: task.result === 'case' ? 'closed' : 'rectified', followUpOn: today(), note: '', version: task.version }}
        onSubmit={(body) => api.post<Task>(`${base}/follow-up/close`, body)}
        onSuccess={(t) => onDone(t, 'close')}
        onClose={onClose}
        reload={async () => ({ ...close.current(), version: (await reload()).version })}
      >
        {(form) => {
          close.bind(form);
          return (
            <>
              <Form.Item name="result" label={task.result === 'case' ? '处理结果' : '复查结果'} required>
                <Radio.Group
                  options={task.result === 'case'
                    ? [{ value: 'closed', label: '案件已办结' }]
                    : [{ value: 'rectified', label: '整改合格' }, { value: 'case', label: '整改不到位，移交立案' }]}
                />
              </Form.Item>
              <Form.Item name="followUpOn" label={task.result === 'case' ? '结案日期' : '复查日期'} required><DateStringPicker /></Form.Item>
              <Form.Item name="note" label="情况说明" required>
                <Input.TextArea rows={3} maxLength={1000} showCount placeholder={task.result === 'case' ? '案件编号及处理结果' : '复查时整改落实情况'} />
              </Form.Item>
            </>
          );
        }}
      </ModalForm>
    </>
  );
}
