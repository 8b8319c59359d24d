import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../app/api';
import type { BaseRecord, HistoryItem } from '../../app/types';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { PageContainer } from '../../components/PageContainer';
import type { AnyRegisterConfig } from './types';
import { useRecordActions, useRegisterContext } from './useRecordActions';

interface Props {
  config: AnyRegisterConfig;
  /** Fixed record id (e.g. a unit user's own entity); otherwise taken from the route. */
  id?: string;
  /** Page title override. */
  title?: string;
  /** Hide the 返回列表 button (when the user has no list). */
  standalone?: boolean;
}

/** Detail page of any register: descriptions, register-specific sections and the change history. */
export function RegisterDetailPage({ config, id: fixedId, title, standalone }: Props) {
  const params = useParams();
  const id = fixedId ?? params.id!;
  const navigate = useNavigate();
  const ctx = useRegisterContext(config);
  const actions = useRecordActions(config, ctx);
  const base = `/api/${config.name}/${id}`;

  const record = useQuery({ queryKey: [config.name, 'detail', id], queryFn: () => api.get<BaseRecord>(base), retry: false });
  const history = useQuery({
    queryKey: [config.name, 'history', id],
    queryFn: () => api.get<{ items: HistoryItem[] }>(`${base}/history`),
    enabled: record.isSuccess,
  });

  if (record.isPending) {
    return <PageContainer title={title ?? `${config.label}详情`}><Card><Skeleton active paragraph={{ rows: 8 }} /></Card></PageContainer>;
  }
  if (record.isError) {
    const status = record.error instanceof ApiError ? record.error.status : 0;
    return (
      <PageContainer title={title ?? `${config.label}详情`}>
        <Card>
          <Result
            status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
            title={status === 404 ? `${config.label}不存在` : '无法加载'}
            subTitle={record.error.message}
            extra={!standalone && <Button type="primary" onClick={() => navigate(`/${config.name}`)}>返回列表</Button>}
          />
        </Card>
      </PageContainer>
    );
  }

  const r = record.data;
  // Back to where the user came from (list with its filters), or to the list when opened directly.
  const back = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(`/${config.name}`));
  const deleted = r.recordStatus === 'deleted';
  const items = config.detail.items(r, ctx);

  const extra = (
    <Space wrap>
      {!standalone && <Button icon={<ArrowLeftOutlined />} onClick={back}>返回</Button>}
      {ctx.canWrite && config.form && !deleted && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => actions.openEdit(r)}>编辑</Button>
      )}
      {ctx.canRemove && !deleted && <Button danger icon={<DeleteOutlined />} onClick={() => actions.askDelete(r)}>删除</Button>}
      {ctx.canRemove && deleted && <Button icon={<RollbackOutlined />} onClick={() => actions.askRestore(r)}>恢复</Button>}
      {!deleted && config.rowActions?.(r, ctx)}
    </Space>
  );

  return (
    <PageContainer
      title={(
        <Space size={8} wrap>
          <span>{title ?? config.recordTitle(r)}</span>
          {deleted && <Tag color="red">已删除</Tag>}
        </Space>
      )}
      subTitle={`${config.label} · 第 ${r.version} 版 · 更新于 ${dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm')}`}
      extra={extra}
    >
      {deleted && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="该记录已删除" description={r.deletedReason ? `删除原因：${r.deletedReason}` : undefined} />
      )}
      <Card title="基本信息" className="wj-card" size="small">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={items}
          styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
        />
      </Card>
      {config.detail.sections?.(r, ctx)}
      <Card
        title="变更历史"
        className="wj-card"
        size="small"
        extra={<Typography.Text type="secondary">每次变更记入审计哈希链</Typography.Text>}
      >
        {history.isPending ? <Skeleton active /> : history.isError ? (
          <Alert type="error" showIcon title={history.error.message} />
        ) : (
          <HistoryTimeline items={history.data.items} labels={config.historyLabels} formatValue={config.formatHistoryValue} />
        )}
      </Card>
      {actions.dialogs}
    </PageContainer>
  );
}
