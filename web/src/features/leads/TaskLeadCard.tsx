/**
 * On a task's page: the lead the task was turned into, or the 转为线索 action (source 检查发现, origin the
 * task). A task whose outcome is 移交立案 is flagged until its lead is registered in the ledger.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { NodeExpandOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import { ModalForm } from '../../components/ModalForm';
import { leadKeys, type LeadDetail } from './api';

interface TaskLike { id: string; status: string; result: string | null; followUpStatus: string; summary: string | null; canAct: boolean }

export function TaskLeadCard({ task }: { task: TaskLike }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: ['tasks', task.id, 'lead'],
    queryFn: () => api.get<{ lead: { id: string; code: string; statusLabel: string; dispositionLabel: string | null } | null }>(`/api/tasks/${task.id}/lead`),
  });
  if (q.isPending || q.isError) return null;
  const lead = q.data.lead;
  if (lead) {
    return (
      <Alert type="success" showIcon className="wj-card"
        title={<span>该任务的发现已转为线索 <Link to={`/leads/${lead.id}`}>{lead.code}</Link>（{lead.dispositionLabel ?? lead.statusLabel}）</span>} />
    );
  }
  const canTurn = task.canAct && (task.status === 'in_progress' || task.status === 'done');
  if (!canTurn) return null;
  // 移交立案 not yet closed: the finding must reach the ledger
  const isCase = task.result === 'case' && task.followUpStatus !== 'closed';
  return (
    <>
      <Alert
        type={isCase ? 'warning' : 'info'}
        showIcon
        className="wj-card"
        title={isCase ? '检查结果为“移交立案”，请将发现的问题转为线索，登记入线索台账' : '检查中发现涉嫌违法的问题，可转为线索登记入线索台账'}
        action={<Button type={isCase ? 'primary' : 'default'} icon={<NodeExpandOutlined />} onClick={() => setOpen(true)}>转为线索</Button>}
      />
      <ModalForm<{ facts: string }, LeadDetail>
        open={open}
        variant="modal"
        width={600}
        name="task-lead"
        title="转为线索"
        okText="登记线索"
        initialValues={{ facts: task.summary ?? '' }}
        onSubmit={(body) => api.post<LeadDetail>(`/api/tasks/${task.id}/lead`, body)}
        onSuccess={(l) => {
          setOpen(false);
          message.success(`已登记线索 ${l.code}`);
          void qc.invalidateQueries({ queryKey: leadKeys.all });
          void qc.invalidateQueries({ queryKey: ['tasks', task.id, 'lead'] });
          navigate(`/leads/${l.id}`);
        }}
        onClose={() => setOpen(false)}
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="线索来源为“检查发现”，当事人、检查日期和检查人员取自本任务；检查人员为承办人" />
        <Form.Item name="facts" label="线索内容" required rules={[{ required: true, min: 5, message: '请填写线索内容（至少 5 个字）' }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount placeholder="检查发现的涉嫌违法问题" />
        </Form.Item>
      </ModalForm>
    </>
  );
}
