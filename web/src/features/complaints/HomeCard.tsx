/** Home page card: open, overdue and due-soon complaints — the handler's own and the jurisdiction's. */
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { AlertOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { complaintKeys, type Summary } from './api';
import './complaints.css';

function Stat({ title, value, to, danger, warn }: { title: string; value: number; to: string; danger?: boolean; warn?: boolean }) {
  const color = value && danger ? '#c8102e' : value && warn ? '#d46b08' : undefined;
  return (
    <Link to={to} aria-label={`${title} ${value} 件`}>
      <Statistic title={title} value={value} suffix="件" styles={{ content: color ? { color } : undefined }} />
    </Link>
  );
}

export function ComplaintsCard() {
  const { data, isPending } = useQuery({ queryKey: complaintKeys.summary, queryFn: () => api.get<Summary>('/api/complaints/summary'), staleTime: 60_000 });
  return (
    <Card title={<><AlertOutlined /> 投诉举报</>} className="wj-card" size="small" extra={<Link to="/complaints">办理工作台 <RightOutlined /></Link>}>
      {isPending || !data ? <Skeleton active paragraph={{ rows: 2 }} /> : (
        <Row gutter={[12, 12]} className="wj-cp-home-stats">
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">需要我办理</Typography.Text>
            <Row gutter={12}>
              <Col span={8}><Stat title="待办" value={data.mine.open} to="/complaints?mine=true" /></Col>
              <Col span={8}><Stat title="已逾期" value={data.mine.overdue} to="/complaints?mine=true&due=overdue" danger /></Col>
              <Col span={8}><Stat title={`${data.dueSoonDays} 日内到期`} value={data.mine.dueSoon} to="/complaints?mine=true&due=soon" warn /></Col>
            </Row>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">辖区全部</Typography.Text>
            <Row gutter={12}>
              <Col span={8}><Stat title="在办" value={data.open} to="/complaints" /></Col>
              <Col span={8}><Stat title="已逾期" value={data.overdue} to="/complaints?due=overdue" danger /></Col>
              <Col span={8}><Stat title={`${data.dueSoonDays} 日内到期`} value={data.dueSoon} to="/complaints?due=soon" warn /></Col>
            </Row>
          </Col>
        </Row>
      )}
    </Card>
  );
}
