/** 候选预览: candidates and planned targets per stratum, and the candidates no inspector could be sent to. */
import { Alert, Col, Row, Statistic, Table, Typography } from 'antd';
import type { Preview } from './api';

export function PreviewSummary({ preview }: { preview: Preview }) {
  return (
    <Row gutter={[12, 12]} className="wj-preview-stats">
      <Col xs={12} md={6}><Statistic title="候选检查对象" value={preview.candidates} suffix="户" /></Col>
      <Col xs={12} md={6}><Statistic title="拟抽取" value={preview.targets} suffix="户" /></Col>
      <Col xs={12} md={6}><Statistic title="可派执法人员" value={preview.inspectors} suffix="人" /></Col>
      <Col xs={12} md={6}>
        <Statistic
          title="无法派员的候选对象"
          value={preview.staffingProblemCount}
          suffix="户"
          styles={{ content: preview.staffingProblemCount ? { color: '#d9822b' } : undefined }}
        />
      </Col>
    </Row>
  );
}

export function StaffingProblems({ preview, compact }: { preview: Pick<Preview, 'staffingProblems' | 'staffingProblemCount'>; compact?: boolean }) {
  if (!preview.staffingProblemCount) {
    return <Alert type="success" showIcon title="全部候选对象均可按派员规则派出执法人员" />;
  }
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={`${preview.staffingProblemCount} 个候选对象按当前派员规则无法派出执法人员`}
        description={(
          <>
            这些对象如被抽中，将列为“待派员”，须由科室负责人补充派员并公开指派理由。
            可调整派员规则（如每户人数、同乡镇回避），或在执法人员名录中补充相应专业领域的人员。
            {preview.staffingProblems.length < preview.staffingProblemCount && `下表列出前 ${preview.staffingProblems.length} 个。`}
          </>
        )}
      />
      <Table
        size="small"
        bordered
        rowKey="entityId"
        aria-label="无法派员的候选对象"
        dataSource={preview.staffingProblems}
        pagination={{ pageSize: compact ? 5 : 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
        columns={[
          { title: '检查对象', dataIndex: 'entityName', width: 240, render: (v?: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
          { title: '无法派员的原因', dataIndex: 'reason' },
        ]}
      />
    </>
  );
}

export function PreviewStrata({ preview }: { preview: Preview }) {
  return (
    <Table
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      aria-label="各层级候选与拟抽取数量"
      dataSource={preview.strata}
      columns={[
        { title: '层级编码', dataIndex: 'key', width: 120, render: (v: string) => <span className="wj-mono">{v}</span> },
        { title: '层级名称', dataIndex: 'name' },
        { title: '候选对象', dataIndex: 'candidates', align: 'right', width: 110, render: (v: number) => `${v} 户` },
        {
          title: '拟抽取', dataIndex: 'targets', align: 'right', width: 110,
          render: (v: number, s) => (s.candidates === 0 ? <Typography.Text type="warning">无候选</Typography.Text> : `${v} 户`),
        },
      ]}
    />
  );
}
