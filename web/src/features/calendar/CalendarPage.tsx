import { useMemo, useState } from 'react';
import {
  Alert, App, Button, Calendar, Card, Col, Descriptions, Form, Input, InputNumber, Popconfirm, Radio, Row, Space, Table, Tag, Typography,
} from 'antd';
import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { z } from 'zod';
import { CALENDAR_WRITE } from '../../app/access';
import { api, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ModalForm } from '../../components/ModalForm';
import { PageContainer } from '../../components/PageContainer';
import { DateStringPicker } from '../../components/pickers';

interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: 'seed' | 'admin' | string;
}

interface CalendarYear {
  year: number;
  covered: boolean;
  items: CalendarDay[];
}

interface ComputeResult {
  start: string;
  days: number;
  unit: 'working' | 'natural';
  end: string;
  workingDaysBetween: number;
  scheduleLoaded: boolean;
}

const KIND_LABELS = { holiday: '节假日', workday: '调休上班' } as const;
const DayInput = z.object({
  day: z.string({ error: '请选择日期' }).min(1, '请选择日期'),
  kind: z.enum(['holiday', 'workday'], { error: '请选择类型' }),
  name: z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(64, '名称不能超过 64 个字'),
});

function DeadlineCalculator() {
  const [start, setStart] = useState<string | null>(dayjs().format('YYYY-MM-DD'));
  const [days, setDays] = useState<number | null>(7);
  const [unit, setUnit] = useState<'working' | 'natural'>('working');
  const [result, setResult] = useState<ComputeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const compute = async () => {
    if (!start || days == null) {
      setError('请填写起算日期和期限天数');
      return;
    }
    setError(null);
    setLoading(true);
    try {
      setResult(await api.get<ComputeResult>('/api/calendar/compute', { start, days, unit }));
    } catch (err) {
      setError(errorMessage(err));
      setResult(null);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card title={<><CalculatorOutlined /> 期限计算</>} className="wj-card" size="small">
      <Form layout="vertical" name="deadline" onFinish={compute}>
        <Form.Item label="起算日期" htmlFor="deadline_start" extra="期间开始的当日不计入，自次日起算">
          <DateStringPicker id="deadline_start" value={start} onChange={setStart} />
        </Form.Item>
        <Form.Item label="期限天数" htmlFor="deadline_days">
          <InputNumber id="deadline_days" min={-1000} max={1000} precision={0} value={days} onChange={(v) => setDays(v)} style={{ width: '100%' }} suffix="日" />
        </Form.Item>
        <Form.Item label="计算方式">
          <Radio.Group
            aria-label="计算方式"
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            options={[{ value: 'working', label: '工作日' }, { value: 'natural', label: '自然日' }]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} block>计算</Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="deadline-result">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'end', label: '期限届满日', children: <Typography.Text strong>{result.end}（{dayjs(result.end).format('dddd')}）</Typography.Text> },
            { key: 'wd', label: '期间工作日', children: `${result.workingDaysBetween} 天` },
          ]} />
          {!result.scheduleLoaded && (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title="届满日所在年度尚未载入国家节假日安排，结果仅按周末推算，请管理员补充日历" />
          )}
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        行政处罚法第八十五条：法律规定的“二日”“三日”“五日”“七日”期限指工作日，不含法定节假日。
      </Typography.Paragraph>
    </Card>
  );
}

/** 工作日历: national holidays and make-up working days (adjustable by administrators) and a deadline tool. */
export default function CalendarPage() {
  const { hasRole } = useAuth();
  const canEdit = hasRole(CALENDAR_WRITE);
  const qc = useQueryClient();
  const { message } = App.useApp();
  // ?month=YYYY-MM opens that month (links from deadlines, screenshots).
  const [search, setSearch] = useSearchParams();
  const fromUrl = search.get('month');
  const month = fromUrl && dayjs(`${fromUrl}-01`).isValid() ? dayjs(`${fromUrl}-01`) : dayjs();
  const setMonth = (d: Dayjs) => setSearch({ month: d.format('YYYY-MM') }, { replace: true });
  const year = month.year();
  const [editing, setEditing] = useState<Partial<CalendarDay> | null>(null);
  const { data, isFetching } = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<CalendarYear>('/api/calendar', { year }),
  });
  const byDay = useMemo(() => new Map((data?.items ?? []).map((d) => [d.day, d])), [data]);

  const remove = async (day: string) => {
    try {
      await api.del(`/api/calendar/${day}`);
      message.success('已删除');
      void qc.invalidateQueries({ queryKey: ['calendar'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const cellRender = (d: Dayjs, info: { type: string; originNode: React.ReactNode }) => {
    if (info.type !== 'date') return info.originNode;
    const entry = byDay.get(d.format('YYYY-MM-DD'));
    if (!entry) return null;
    return (
      <div className={`wj-cal-mark wj-cal-${entry.kind}`} title={entry.name}>
        <span className="wj-cal-badge">{entry.kind === 'holiday' ? '休' : '班'}</span>
        <span className="wj-cal-name">{entry.name}</span>
      </div>
    );
  };

  return (
    <PageContainer
      title="工作日历"
      subTitle="法定节假日与调休上班日；所有法定期限按此计算"
      extra={canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'holiday' })}>新增例外日期</Button>}
    >
      {data && !data.covered && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`尚未载入 ${year} 年国务院办公厅公布的节假日安排`}
          description={canEdit ? '当年安排公布后，请逐日补充节假日和调休上班日；在此之前，期限按周末推算。' : '当年安排公布后由系统管理员补充；在此之前，期限按周末推算。'}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card className="wj-card wj-calendar-card" size="small">
            <Calendar
              value={month}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                if (!d.isSame(month, 'month')) setMonth(d);
                if (canEdit && info.source === 'date') {
                  const entry = byDay.get(d.format('YYYY-MM-DD'));
                  setEditing(entry ?? { day: d.format('YYYY-MM-DD'), kind: d.day() === 0 || d.day() === 6 ? 'workday' : 'holiday' });
                }
              }}
              cellRender={cellRender}
            />
            <div className="wj-cal-legend">
              <span><span className="wj-cal-badge wj-cal-holiday">休</span> 法定节假日</span>
              <span><span className="wj-cal-badge wj-cal-workday">班</span> 调休上班日</span>
              {canEdit && <Typography.Text type="secondary">点击日期可设置或修改</Typography.Text>}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <DeadlineCalculator />
        </Col>
        <Col xs={24}>
          <Card title={`${year} 年节假日与调休安排`} className="wj-card" size="small">
            <Table<CalendarDay>
              aria-label="节假日与调休列表"
              size="small"
              bordered
              rowKey="day"
              loading={isFetching}
              dataSource={data?.items ?? []}
              pagination={{ pageSize: 15, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '日期', dataIndex: 'day', width: 120 },
                { title: '星期', key: 'weekday', width: 80, render: (_v, r) => dayjs(r.day).format('dddd') },
                { title: '类型', dataIndex: 'kind', width: 110, render: (v: CalendarDay['kind']) => <Tag color={v === 'holiday' ? 'red' : 'blue'}>{KIND_LABELS[v] ?? v}</Tag> },
                { title: '名称', dataIndex: 'name' },
                { title: '来源', dataIndex: 'source', width: 120, render: (v: string) => (v === 'seed' ? '国家公布' : '管理员维护') },
                ...(canEdit ? [{
                  title: '操作', key: 'op', width: 130,
                  render: (_v: unknown, r: CalendarDay) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(r)}>编辑</Button>
                      {r.source !== 'seed' && (
                        <Popconfirm title={`删除 ${r.day} 的设置？`} okText="删除" cancelText="取消" onConfirm={() => remove(r.day)}>
                          <Button type="link" size="small" danger>删除</Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                }] : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      {canEdit && (
        <ModalForm<Partial<CalendarDay>>
          key={editing?.day ?? 'new'}
          open={!!editing}
          variant="modal"
          name="calendarDay"
          title={editing?.name ? `修改 ${editing.day}` : '设置节假日或调休上班日'}
          initialValues={editing ?? undefined}
          schema={DayInput}
          onSubmit={(body) => {
            const b = body as z.infer<typeof DayInput>;
            return api.put(`/api/calendar/${b.day}`, { kind: b.kind, name: b.name });
          }}
          onSuccess={() => {
            message.success('已保存，期限计算即时生效');
            setEditing(null);
            void qc.invalidateQueries({ queryKey: ['calendar'] });
          }}
          onClose={() => setEditing(null)}
        >
          <Form.Item name="day" label="日期" required><DateStringPicker disabled={!!editing?.name} /></Form.Item>
          <Form.Item name="kind" label="类型" required>
            <Radio.Group options={[{ value: 'holiday', label: '节假日（不上班）' }, { value: 'workday', label: '调休上班日' }]} />
          </Form.Item>
          <Form.Item name="name" label="名称" required><Input maxLength={64} placeholder="如 春节、国庆节调休" /></Form.Item>
        </ModalForm>
      )}
    </PageContainer>
  );
}
