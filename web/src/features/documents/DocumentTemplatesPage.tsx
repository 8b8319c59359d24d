/**
 * 文书模板 (administrators): for each document type, the template in force in the administrator's region
 * (an upload of this region or above, or the system default), download it to edit in Word/WPS, upload a
 * new version (the server checks it renders the sample data and gives a PDF), preview it with sample data,
 * switch back to an earlier version or to the default. The tags a template may use are listed below.
 */
import { useState } from 'react';
import { App, Alert, Button, Card, Empty, Input, List, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, EyeOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, errorMessage } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import './documents.css';

interface DocType {
  code: string; name: string; group: string; addressedToParty: boolean; numbering: string; example: string; issuable: boolean;
  fields: { tag: string; label: string }[];
}
interface Version { id: string; version: number; fileName: string; size: number; sha256: string; active: boolean; note: string | null; createdAt: string; createdByName: string | null }
interface Versions { items: Version[]; effective: { id: string | null; version: number | null; regionCode: string | null; isDefault: boolean } }

const fmt = (s: string) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', hour12: false }).format(new Date(s));

export default function DocumentTemplatesPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const types = useQuery({ queryKey: ['document-types'], queryFn: () => api.get<{ items: DocType[] }>('/api/document-types') });
  const issuable = types.data?.items.filter((t) => t.issuable) ?? [];
  const [code, setCode] = useState<string | null>(null);
  const current = issuable.find((t) => t.code === code) ?? issuable[0];
  const versions = useQuery({
    queryKey: ['document-templates', current?.code],
    queryFn: () => api.get<Versions>(`/api/document-types/${current!.code}/templates`),
    enabled: Boolean(current),
  });
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['document-templates', current?.code] });

  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('note', note);
      form.append('file', file);
      return api.upload<{ version: number }>(`/api/document-types/${current!.code}/templates`, form);
    },
    onSuccess: (r) => { setProblems([]); setNote(''); message.success(`已上传并启用第 ${r.version} 版模板`); refresh(); },
    onError: (e) => {
      const fields = (e as { fields?: { message: string }[] }).fields;
      setProblems(fields?.length ? fields.map((f) => f.message) : [errorMessage(e)]);
    },
  });
  const activate = useMutation({
    mutationFn: (templateId: string) => api.post(`/api/document-types/${current!.code}/templates/activate`, { templateId }),
    onSuccess: () => { message.success('已切换模板'); refresh(); },
    onError: (e) => message.error(errorMessage(e)),
  });

  const eff = versions.data?.effective;
  const base = current ? `/api/document-types/${current.code}` : '';
  return (
    <PageContainer title="文书模板" subTitle="下载模板在 Word 或 WPS 中修改后上传；上传的模板须能以示例数据生成文书和 PDF，保存为本辖区的新版本。">
      <div className="wj-doc-tpl">
        <Card size="small" title="文书种类" className="wj-doc-tpl-types">
          <List
            loading={types.isPending}
            dataSource={issuable}
            renderItem={(t) => (
              <List.Item className={t.code === current?.code ? 'is-active' : ''} onClick={() => { setCode(t.code); setProblems([]); }} style={{ cursor: 'pointer' }}>
                <List.Item.Meta title={t.name} description={`${t.numbering}，如 ${t.example}${t.addressedToParty ? '；送达当事人' : ''}`} />
              </List.Item>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            其余 {(types.data?.items.length ?? 0) - issuable.length} 种文书随检查、案件功能陆续提供模板。
          </Typography.Paragraph>
        </Card>
        {current ? (
          <Space direction="vertical" size={16} style={{ flex: 1, minWidth: 0 }}>
            <Card size="small" title={`${current.name}：当前使用的模板`}
              extra={eff && (eff.isDefault ? <Tag>系统默认</Tag> : <Tag color="blue">第 {eff.version} 版{eff.regionCode ? '' : ''}</Tag>)}>
              <Space wrap>
                <Button icon={<DownloadOutlined />} onClick={() => download(`${base}/template.docx`)}>下载当前模板</Button>
                <Button icon={<EyeOutlined />} onClick={() => window.open(`${base}/sample?format=pdf`, '_blank', 'noopener')}>示例数据预览（PDF）</Button>
                <Button icon={<DownloadOutlined />} onClick={() => download(`${base}/default.docx`)}>下载系统默认模板</Button>
                {eff && !eff.isDefault && (
                  <Button icon={<RollbackOutlined />} loading={activate.isPending} onClick={() => activate.mutate('default')}>恢复系统默认</Button>
                )}
              </Space>
              <div className="wj-doc-tpl-upload">
                <Input placeholder="修改说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ maxWidth: 360 }} />
                <Upload accept=".docx" showUploadList={false} beforeUpload={(file) => { upload.mutate(file); return false; }}>
                  <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>上传新模板</Button>
                </Upload>
              </div>
              {problems.length > 0 && (
                <Alert type="error" showIcon style={{ marginTop: 12 }} title="模板未通过校验，未保存" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
              )}
            </Card>
            <Card size="small" title="本辖区的模板版本">
              <Table<Version> size="small" rowKey="id" loading={versions.isPending} pagination={false} dataSource={versions.data?.items ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传，使用系统默认模板" /> }}
                columns={[
                  { title: '版本', dataIndex: 'version', width: 70, render: (v, r) => <Space>第 {v} 版{r.active && <Tag color="green">使用中</Tag>}</Space> },
                  { title: '文件', dataIndex: 'fileName', ellipsis: true },
                  { title: '说明', dataIndex: 'note', ellipsis: true, render: (v) => v ?? '—' },
                  { title: '上传', key: 'by', width: 170, render: (_, r) => `${r.createdByName ?? ''} ${fmt(r.createdAt)}` },
                  {
                    title: '操作', key: 'ops', width: 150, render: (_, r) => (
                      <Space>
                        <a onClick={() => download(`${base}/templates/${r.id}/file`)}>下载</a>
                        <a onClick={() => window.open(`${base}/sample?format=pdf&templateId=${r.id}`, '_blank', 'noopener')}>预览</a>
                        {!r.active && <a onClick={() => activate.mutate(r.id)}>启用</a>}
                      </Space>
                    ),
                  },
                ]} />
            </Card>
            <Card size="small" title="模板字段说明">
              <Typography.Paragraph type="secondary">
                在模板中以 {'{字段}'} 插入内容，{'{#字段}…{/字段}'} 表示循环或条件段落，{'{^字段}…{/字段}'} 表示条件不成立时的段落，{'{%字段}'} 插入图片。
                {'{agencyName}'}、{'{number}'} 或 {'{numberLine}'}、{'{verifyCode}'}、{'{%qr}'} 不可删除。
              </Typography.Paragraph>
              <Table size="small" rowKey="tag" pagination={false} dataSource={current.fields}
                columns={[{ title: '字段', dataIndex: 'tag', width: 220, render: (t: string) => <Typography.Text code>{`{${t}}`}</Typography.Text> }, { title: '含义', dataIndex: 'label' }]} />
            </Card>
          </Space>
        ) : <Card style={{ flex: 1 }}><Empty description={types.isPending ? '加载中…' : '暂无可配置模板的文书'} /></Card>}
      </div>
    </PageContainer>
  );
}
