/**
 * 办理时限规则 (complaint_sla): the deadline of each step per channel and category, in working or natural
 * days, with its basis. Everyone sees it; the administrator edits it (the whole table is saved at once).
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { CHANNELS, COMPLAINT_CATEGORIES, complaintKeys, SLA_STEPS, SLA_UNITS, type SlaRow } from './api';

const ANY = { value: '*', label: '全部' };
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const STEP_ORDER = Object.keys(SLA_STEPS);

export function SlaSettings() {
  const { hasRole } = useAuth();
  const admin = hasRole(['admin']);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data, isPending } = useQuery({ queryKey: complaintKeys.sla, queryFn: () => api.get<{ rows: SlaRow[] }>('/api/complaints/sla') });
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState<(SlaRow & { key: string })[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const sorted = (list: SlaRow[]) => [...list].sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step)
    || (a.channel === '*' ? -1 : b.channel === '*' ? 1 : a.channel.localeCompare(b.channel)) || a.category.localeCompare(b.category));
  useEffect(() => { if (data && !editing) setRows(sorted(data.rows).map((r, i) => ({ ...r, key: r.id ?? String(i) }))); }, [data, editing]);

  const patch = (key: string, p: Partial<SlaRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const save = async () => {
    setSaving(true);
    setErrors([]);
    try {
      await api.put('/api/complaints/sla', { rows: rows.map(({ channel, category, step, days, unit, basis }) => ({ channel, category, step, days, unit, basis: basis || null })) });
      message.success('办理时限规则已保存，新登记和后续环节的期限按新规则计算');
      setEditing(false);
      void qc.invalidateQueries({ queryKey: complaintKeys.sla });
    } catch (err) {
      setErrors(err instanceof ApiError && err.fields.length ? err.fields.map((f) => f.message) : [err instanceof Error ? err.message : '保存失败']);
    } finally {
      setSaving(false);
    }
  };

  const label = (o: Record<string, string>, v: string) => (v === '*' ? '全部' : o[v] ?? v);
  return (
    <Card
      id="sla"
      size="small"
      className="wj-card"
      title="办理时限规则"
      extra={admin && (editing ? (
        <Space>
          <Button size="small" onClick={() => setEditing(false)}>取消</Button>
          <Button size="small" type="primary" icon={<SaveOutlined />} loading={saving} onClick={save}>保存</Button>
        </Space>
      ) : <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑</Button>)}
    >
      <Typography.Paragraph type="secondary">
        同一环节有多条规则时，取最具体的一条：渠道和类别都匹配 &gt; 仅渠道匹配 &gt; 仅类别匹配 &gt; 默认（全部）。受理期限自收到之日起算，办结期限自受理之日起算，回访期限自办结之日起算。
      </Typography.Paragraph>
      {errors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errors.join('；')} />}
      <Table<SlaRow & { key: string }>
        size="small"
        bordered
        loading={isPending}
        pagination={false}
        dataSource={rows}
        aria-label="办理时限规则"
        columns={[
          { title: '环节', dataIndex: 'step', width: 130, render: (v: string, r) => (editing ? <Select size="small" value={v} options={opts(SLA_STEPS)} onChange={(x) => patch(r.key, { step: x })} style={{ width: 120 }} /> : SLA_STEPS[v as keyof typeof SLA_STEPS] ?? v) },
          { title: '来源渠道', dataIndex: 'channel', width: 170, render: (v: string, r) => (editing ? <Select size="small" value={v} options={[ANY, ...opts(CHANNELS)]} onChange={(x) => patch(r.key, { channel: x })} style={{ width: 160 }} /> : label(CHANNELS, v)) },
          { title: '投诉类别', dataIndex: 'category', width: 170, render: (v: string, r) => (editing ? <Select size="small" value={v} options={[ANY, ...opts(COMPLAINT_CATEGORIES)]} onChange={(x) => patch(r.key, { category: x })} style={{ width: 160 }} popupMatchSelectWidth={false} /> : label(COMPLAINT_CATEGORIES, v)) },
          {
            title: '时限', key: 'days', width: 190,
            render: (_v, r) => (editing ? (
              <Space size={4}>
                <InputNumber size="small" min={1} max={365} value={r.days} onChange={(x) => patch(r.key, { days: Number(x) || 1 })} style={{ width: 70 }} />
                <Select size="small" value={r.unit} options={opts(SLA_UNITS)} onChange={(x) => patch(r.key, { unit: x })} style={{ width: 90 }} />
              </Space>
            ) : `${r.days} 个${SLA_UNITS[r.unit]}`.replace('个自然日', '日')),
          },
          { title: '依据', dataIndex: 'basis', render: (v: string | null, r) => (editing ? <Input size="small" value={v ?? ''} maxLength={500} onChange={(e) => patch(r.key, { basis: e.target.value })} style={{ minWidth: 280 }} /> : v ?? '—') },
          ...(editing ? [{ title: '', key: '_d', width: 48, render: (_v: unknown, r: SlaRow & { key: string }) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除规则" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} /> }] : []),
        ]}
      />
      {editing && <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setRows((rs) => [...rs, { key: `new-${Date.now()}`, channel: 'hotline_12320', category: '*', step: 'accept', days: 1, unit: 'working', basis: '' }])}>添加规则</Button>}
    </Card>
  );
}
