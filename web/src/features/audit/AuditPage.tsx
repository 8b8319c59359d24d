import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { AUDIT_VERIFY } from '../../app/access';
import { api, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ACTION_COLORS, ACTION_LABELS, RESOURCE_LABELS } from '../../components/labels';
import { PageContainer } from '../../components/PageContainer';

interface AuditEvent {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  regionCode: string | null;
  reason: string | null;
  hash: string;
}

type VerifyResult = { ok: true; count: number; lastHash: string } | { ok: false; brokenId: number; reason: string };

const PAGE = 50;
const REGISTERS = new Set(['entities', 'practitioners', 'inspectors', 'matters', 'checklists', 'regions', 'grid-cells', 'agencies', 'users']);

/** 审计日志: the hash-chained record of every change in the jurisdiction. */
export default function AuditPage() {
  const { hasRole } = useAuth();
  const [resource, setResource] = useState<string | undefined>();
  const [verify, setVerify] = useState<VerifyResult | { error: string } | null>(null);
  const [verifying, setVerifying] = useState(false);

  const q = useInfiniteQuery({
    queryKey: ['audit', resource],
    queryFn: ({ pageParam }) => api.get<{ items: AuditEvent[] }>('/api/audit', { resource, before: pageParam, pageSize: PAGE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items[last.items.length - 1].id : undefined),
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    try {
      setVerify(await api.post<VerifyResult>('/api/audit/verify'));
    } catch (err) {
      setVerify({ error: errorMessage(err) });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <PageContainer
      title="审计日志"
      subTitle="本辖区内全部数据变更与登录事件；每条事件的哈希链接前一条，任何篡改都可被发现"
      extra={hasRole(AUDIT_VERIFY) && (
        <Button type="primary" icon={<SafetyOutlined />} loading={verifying} onClick={runVerify}>校验哈希链</Button>
      )}
    >
      {verify && ('error' in verify ? (
        <Alert type="error" showIcon closable style={{ marginBottom: 16 }} title="校验失败" description={verify.error} />
      ) : verify.ok ? (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title={`哈希链完整：共校验 ${verify.count} 条事件，未发现篡改`}
          description={<>末条哈希：<Typography.Text code copyable>{verify.lastHash}</Typography.Text></>}
        />
      ) : (
        <Alert type="error" showIcon closable style={{ marginBottom: 16 }} title={`哈希链断裂：第 ${verify.brokenId} 号事件校验不通过`} description={verify.reason} />
      ))}
      <Card className="wj-card" size="small" variant="borderless">
        <div className="wj-toolbar">
          <Space wrap>
            <label htmlFor="audit-resource">对象类型</label>
            <Select
              id="audit-resource"
              allowClear
              placeholder="全部"
              style={{ width: 180 }}
              value={resource}
              onChange={setResource}
              options={Object.entries(RESOURCE_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Space>
          <Typography.Text type="secondary">已加载 {rows.length} 条</Typography.Text>
        </div>
        {q.isError && <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} />}
        <Table<AuditEvent>
          aria-label="审计日志"
          size="small"
          bordered
          rowKey="id"
          loading={q.isFetching && !q.isFetchingNextPage}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 72, align: 'right' },
            { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'actorName', width: 96, render: (v: string | null) => v ?? '系统' },
            { title: '操作', dataIndex: 'action', width: 100, render: (v: string) => <Tag color={ACTION_COLORS[v]}>{ACTION_LABELS[v] ?? v}</Tag> },
            { title: '对象类型', dataIndex: 'resource', width: 110, render: (v: string) => RESOURCE_LABELS[v] ?? v },
            {
              title: '对象', dataIndex: 'resourceId', width: 96,
              render: (v: string | null, r) => (v && REGISTERS.has(r.resource) ? <Link to={`/${r.resource}/${v}`}>查看</Link> : <span className="wj-mono">{v ? (v.length > 10 ? `${v.slice(0, 8)}…` : v) : '—'}</span>),
            },
            { title: '区划代码', dataIndex: 'regionCode', width: 110, render: (v: string | null) => <span className="wj-mono">{v ?? '—'}</span> },
            { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            {
              title: '哈希', dataIndex: 'hash', width: 140,
              render: (v: string) => <Typography.Text code copyable={{ text: v, tooltips: ['复制哈希', '已复制'] }}>{v.slice(0, 8)}…</Typography.Text>,
            },
          ]}
        />
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          {q.hasNextPage
            ? <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>加载更多</Button>
            : rows.length > 0 && <Typography.Text type="secondary">已显示全部</Typography.Text>}
        </div>
      </Card>
    </PageContainer>
  );
}
