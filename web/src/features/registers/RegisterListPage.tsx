import { useMemo, useState } from 'react';
import { Button, Radio, Space, Tag, Tooltip } from 'antd';
import { CloudDownloadOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { ColumnsType } from 'antd/es/table';
import { api, download, withQuery } from '../../app/api';
import type { BaseRecord, ListResult } from '../../app/types';
import { ImportDialog } from '../../components/ImportDialog';
import { PageContainer } from '../../components/PageContainer';
import { SearchTable, useListParams, type RecordStatusFilter } from '../../components/SearchTable';
import type { AnyRegisterConfig } from './types';
import { useRecordActions, useRegisterContext } from './useRecordActions';

/** Reminder filters the home page links to (server filters `licence` and `credential`), shown as removable tags. */
const REMINDER_FILTERS: Record<string, Record<string, string>> = {
  licence: { expired: '许可证已过期', expiring: '许可证 60 日内到期', checkDue: '60 日内应校验' },
  credential: { expired: '执法证已过期', expiring: '执法证 60 日内到期' },
};

/** The list page of any register, driven by its config. */
export function RegisterListPage({ config }: { config: AnyRegisterConfig }) {
  const ctx = useRegisterContext(config);
  const navigate = useNavigate();
  const [params, setParams] = useListParams({ sort: config.defaultSort });
  const [importing, setImporting] = useState(false);
  const actions = useRecordActions(config, ctx, (saved, created) => {
    if (created) navigate(`/${config.name}/${saved.id}`);
  });

  const query = { ...params } as Record<string, string | number | undefined>;
  const { data, isFetching } = useQuery({
    queryKey: [config.name, 'list', query],
    queryFn: () => api.get<ListResult<BaseRecord>>(`/api/${config.name}`, query),
    placeholderData: keepPreviousData,
  });

  const fields = useMemo(() => config.searchFields(ctx), [config, ctx]);

  const columns = useMemo<ColumnsType<BaseRecord>>(() => {
    const own = config.columns(ctx);
    return [
      {
        title: '序号',
        key: '_index',
        width: 64,
        align: 'center',
        fixed: 'left',
        render: (_v, _r, i) => (params.page - 1) * params.pageSize + i + 1,
      },
      ...own,
      {
        title: '操作',
        key: '_actions',
        fixed: 'right',
        width: (ctx.canWrite ? 96 : 48) + (ctx.canRemove ? 48 : 0) + (config.rowActions ? 64 : 0),
        render: (_v, r) => {
          const deleted = r.recordStatus === 'deleted';
          return (
            <Space size={0} wrap={false} className="wj-row-actions">
              <Link to={`/${config.name}/${r.id}`} className="ant-btn ant-btn-link ant-btn-sm wj-link-btn">查看</Link>
              {ctx.canWrite && config.form && !deleted && <Button type="link" size="small" onClick={() => actions.openEdit(r)}>编辑</Button>}
              {ctx.canRemove && !deleted && <Button type="link" size="small" danger onClick={() => actions.askDelete(r)}>删除</Button>}
              {ctx.canRemove && deleted && <Button type="link" size="small" onClick={() => actions.askRestore(r)}>恢复</Button>}
              {!deleted && config.rowActions?.(r, ctx)}
            </Space>
          );
        },
      },
    ];
  }, [config, ctx, params.page, params.pageSize, actions]);

  const { page: _p, pageSize: _s, ...filters } = query;
  void _p;
  void _s;
  const exportUrl = withQuery(`/api/${config.name}/export.xlsx`, filters);

  const toolbar = (
    <>
      {ctx.canWrite && config.form && (
        <Button type="primary" icon={<PlusOutlined />} onClick={actions.openCreate}>新增</Button>
      )}
      {ctx.canWrite && config.importable !== false && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>
      )}
      <Tooltip title="按当前查询条件导出为 Excel">
        <Button icon={<DownloadOutlined />} onClick={() => download(exportUrl)}>导出</Button>
      </Tooltip>
      {ctx.canWrite && config.importable !== false && (
        <Button icon={<CloudDownloadOutlined />} onClick={() => download(`/api/${config.name}/template.xlsx`)}>下载模板</Button>
      )}
    </>
  );

  const toolbarLeft = (
    <Space size={12} wrap>
      <span className="wj-toolbar-title">{config.label}列表</span>
      <Radio.Group
        aria-label="记录状态"
        size="small"
        optionType="button"
        buttonStyle="solid"
        value={params.status}
        onChange={(e) => setParams({ status: e.target.value as RecordStatusFilter, page: 1 })}
        options={[
          { value: 'active', label: '正常' },
          { value: 'deleted', label: '已删除' },
          { value: 'all', label: '全部' },
        ]}
      />
      {Object.entries(REMINDER_FILTERS).map(([key, labels]) => {
        const value = params[key];
        return typeof value === 'string' && labels[value] ? (
          <Tag key={key} color="orange" closable onClose={() => setParams({ [key]: undefined, page: 1 })}>
            筛选：{labels[value]}
          </Tag>
        ) : null;
      })}
    </Space>
  );

  return (
    <PageContainer title={config.title} subTitle={config.subTitle}>
      <SearchTable<BaseRecord>
        ariaLabel={`${config.label}列表`}
        fields={fields}
        params={params}
        onParamsChange={setParams}
        columns={columns}
        data={data}
        loading={isFetching}
        toolbar={toolbar}
        toolbarLeft={toolbarLeft}
        rowClassName={(r) => (r.recordStatus === 'deleted' ? 'wj-row-deleted' : '')}
      />
      {actions.dialogs}
      {ctx.canWrite && (
        <ImportDialog
          open={importing}
          name={config.name}
          label={config.label}
          onClose={() => setImporting(false)}
          onImported={() => ctx.refresh()}
        />
      )}
    </PageContainer>
  );
}
