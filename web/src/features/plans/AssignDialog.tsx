/** 补充派员: a supervisor assigns inspectors to a target the draw could not staff; the reason is published. */
import { useMemo } from 'react';
import { Alert, Form, Input, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { categoryLabel } from '../../app/meta';
import type { ListResult } from '../../app/types';
import { ModalForm } from '../../components/ModalForm';
import { AssignInput, taskLabels } from '../../../../server/domains/plans/schema';
import type { Task } from './api';

interface InspectorOption {
  id: string;
  name: string;
  credentialExpiry: string;
  specialties: string[];
}

interface Props {
  task: Task | null;
  onClose: () => void;
  onAssigned: (task: Task) => void;
  reload: () => Promise<Task>;
}

export function AssignDialog({ task, onClose, onAssigned, reload }: Props) {
  const { data, isLoading } = useQuery({
    queryKey: ['inspectors', 'options', task?.agencyId],
    queryFn: () => api.get<ListResult<InspectorOption>>('/api/inspectors', { agency: task!.agencyId, pageSize: 200, sort: 'name' }),
    enabled: !!task,
    staleTime: 60_000,
  });
  const options = useMemo(() => (data?.items ?? []).map((i) => {
    const expired = !!task && i.credentialExpiry < task.dueDate;
    return {
      value: i.id,
      disabled: expired,
      label: i.name,
      title: `${i.name}（${i.specialties.map(categoryLabel).join('、')}）`,
      desc: expired ? `执法证 ${i.credentialExpiry} 到期，早于任务期限` : i.specialties.map(categoryLabel).join('、'),
    };
  }), [data, task]);

  return (
    <ModalForm<{ inspectorIds: string[]; reason: string; version: number }, Task>
      key={task ? `${task.id}-${task.version}` : 'closed'}
      open={!!task}
      variant="modal"
      width={600}
      name="assign"
      title="补充派员"
      okText="确认指派"
      schema={AssignInput}
      labels={taskLabels}
      initialValues={{ inspectorIds: [], reason: '', version: task?.version }}
      onSubmit={(body) => api.post<Task>(`/api/tasks/${task!.id}/assign`, body)}
      onSuccess={onAssigned}
      onClose={onClose}
      reload={async () => {
        const fresh = await reload();
        return { version: fresh.version };
      }}
    >
      {task && (
        <>
          <Typography.Paragraph>
            检查对象：<b>{task.entityName}</b>（<span className="wj-mono">{task.creditCode}</span>）
          </Typography.Paragraph>
          {task.unstaffedReason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="抽取时未能派员的原因" description={task.unstaffedReason} />}
          <Form.Item name="inspectorIds" label="执法人员" required extra="至少 2 名承办机构的在册执法人员；与该对象有申报利害关系的人员应当回避">
            <Select
              mode="multiple"
              loading={isLoading}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择执法人员"
              optionRender={(o) => (
                <div className="wj-option">
                  <span>{o.label}</span>
                  <Typography.Text type={o.data.disabled ? 'danger' : 'secondary'} className="wj-option-desc">{o.data.desc}</Typography.Text>
                </div>
              )}
            />
          </Form.Item>
          <Form.Item name="reason" label="指派理由" required extra="指派理由将随任务状态变更一并公开">
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：本所公共场所专业执法人员不足，经科室研究指派以下人员" />
          </Form.Item>
        </>
      )}
    </ModalForm>
  );
}
