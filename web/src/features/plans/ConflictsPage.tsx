/**
 * 利害关系申报 (回避, 行政处罚法第四十三条): an inspector with a conflict of interest with a unit is never drawn
 * to inspect it. Declarations are kept; a withdrawal is recorded with its reason.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONFLICT_DECLARE, CONFLICT_WITHDRAW } from '../../app/access';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { ListResult } from '../../app/types';
import { ModalForm } from '../../components/ModalForm';
import { PageContainer } from '../../components/PageContainer';
import { EntitySelect } from '../../components/pickers';
import { ReasonDialog } from '../../components/ReasonDialog';
import { ConflictInput, taskLabels } from '../../../../server/domains/plans/schema';
import { fmtTime } from './common';
import './plans.css';

interface Conflict {
  id: string;
  inspectorId: string;
  entityId: string;
  reason: string;
  createdAt: string;
  inspectorName: string;
  entityName: string;
  creditCode: string;
}

function InspectorSelect(props: { value?: string; onChange?: (v: string) => void; placeholder?: string; allowClear?: boolean; style?: React.CSSProperties; id?: string }) {
  const { data, isLoading } = useQuery({
    queryKey: ['inspectors', 'options', 'all'],
    queryFn: () => api.get<ListResult<{ id: string; name: string; credentialNo: string }>>('/api/inspectors', { pageSize: 200, sort: 'name' }),
    staleTime: 60_000,
  });
  const options = useMemo(() => (data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.credentialNo}）` })), [data]);
  return <Select showSearch={{ optionFilterProp: 'label' }} loading={isLoading} options={options} placeholder="请选择执法人员" {...props} />;
}

export default function ConflictsPage() {
  const { hasRole } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [inspectorId, setInspectorId] = useState<string | undefined>();
  const [entityId, setEntityId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Conflict | null>(null);
  const canDeclare = hasRole(CONFLICT_DECLARE);
  const canWithdraw = hasRole(CONFLICT_WITHDRAW);

  const query = { inspectorId, entityId };
  const { data, isFetching } = useQuery({
    queryKey: ['conflicts', query],
    queryFn: () => api.get<{ items: Conflict[]; total: number }>('/api/conflicts', query),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['conflicts'] });

  return (
    <PageContainer title="利害关系申报" subTitle="执法人员与检查对象存在利害关系的，应当申报回避；随机选派时自动排除（行政处罚法第四十三条）">
      <Card className="wj-query-card" size="small" variant="borderless">
        <Space wrap size={[16, 12]}>
          <span>执法人员：<InspectorSelect allowClear value={inspectorId} onChange={setInspectorId} style={{ width: 240 }} /></span>
          <span>检查对象：<EntitySelect valueKey="id" value={entityId} onChange={setEntityId} style={{ width: 300 }} /></span>
        </Space>
      </Card>
      <Card className="wj-table-card" size="small" variant="borderless">
        <div className="wj-toolbar">
          <span className="wj-toolbar-title">有效申报</span>
          {canDeclare && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新增申报</Button>}
        </div>
        <Table<Conflict>
          aria-label="利害关系申报列表"
          rowKey="id"
          bordered
          size="middle"
          loading={isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
          locale={{ emptyText: '暂无利害关系申报' }}
          columns={[
            { title: '执法人员', dataIndex: 'inspectorName', render: (v: string, r) => <Link to={`/inspectors/${r.inspectorId}`}>{v}</Link> },
            { title: '检查对象', dataIndex: 'entityName', render: (v: string, r) => <Link to={`/entities/${r.entityId}`}>{v}</Link> },
            { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v: string) => <span className="wj-mono">{v}</span> },
            { title: '回避事由', dataIndex: 'reason' },
            { title: '申报时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
            ...(canWithdraw ? [{
              title: '操作', key: '_a', width: 80, fixed: 'right' as const,
              render: (_v: unknown, r: Conflict) => <Button type="link" size="small" danger onClick={() => setWithdrawing(r)}>撤销</Button>,
            }] : []),
          ]}
        />
        <Typography.Paragraph type="secondary" className="wj-note">
          申报在下一次发布的抽查计划中生效：发布时冻结的执法人员名单和回避关系一并计入哈希，已发布的计划不受影响。
        </Typography.Paragraph>
      </Card>

      <ModalForm<{ inspectorId?: string; entityId?: string; reason: string }, Conflict>
        key={creating ? 'open' : 'closed'}
        open={creating}
        variant="modal"
        name="conflict"
        title="新增利害关系申报"
        okText="提交申报"
        schema={ConflictInput}
        labels={{ ...taskLabels, reason: '回避事由' }}
        initialValues={{ reason: '' }}
        onSubmit={(body) => api.post<Conflict>('/api/conflicts', body)}
        onSuccess={() => {
          setCreating(false);
          message.success('已登记利害关系申报');
          refresh();
        }}
        onClose={() => setCreating(false)}
      >
        <Form.Item name="inspectorId" label="执法人员" required><InspectorSelect /></Form.Item>
        <Form.Item name="entityId" label="检查对象" required><EntitySelect valueKey="id" /></Form.Item>
        <Form.Item name="reason" label="回避事由" required>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：执法人员的近亲属在该单位任职" />
        </Form.Item>
      </ModalForm>
      <ReasonDialog
        open={!!withdrawing}
        title="撤销利害关系申报"
        label="撤销原因"
        okText="撤销"
        description={withdrawing && <>撤销 {withdrawing.inspectorName} 与“{withdrawing.entityName}”的利害关系申报。撤销记入审计日志。</>}
        onClose={() => setWithdrawing(null)}
        onSubmit={(reason) => api.post(`/api/conflicts/${withdrawing!.id}/withdraw`, { reason })}
        onSuccess={() => {
          setWithdrawing(null);
          message.success('已撤销申报');
          refresh();
        }}
      />
    </PageContainer>
  );
}
