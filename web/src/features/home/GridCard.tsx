/** 协管员: the grid cell(s) they patrol, with how many units lie in each and how many are rectifying. */
import { Card, Descriptions, Empty, Skeleton, Statistic } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMyGrid } from './api';
import './home.css';

export function GridCard() {
  const { data, isPending } = useMyGrid();
  return (
    <Card className="wj-card wj-grid-card" size="small" title={<><EnvironmentOutlined /> 我的网格</>}>
      {isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : !data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未为您指定网格，请联系区卫生健康监督所在“网格”中登记。" />
      ) : data.items.map((g) => (
        <div key={g.id} data-testid="grid-cell">
          <Descriptions size="small" column={1} items={[
            { key: 'name', label: '网格', children: g.name },
            { key: 'code', label: '网格编码', children: <span className="wj-mono">{g.code}</span> },
            { key: 'region', label: '所在区域', children: g.regionName ?? g.regionCode },
          ]} />
          <div className="wj-grid-stats">
            <Link to={`/entities?grid=${g.code}`} aria-label={`网格内检查对象 ${g.units} 家`}><Statistic title="网格内检查对象" value={g.units} suffix="家" /></Link>
            <Statistic title="正在整改" value={g.rectifying} suffix="家" styles={{ content: g.rectifying ? { color: '#d46b08' } : undefined }} />
          </div>
        </div>
      ))}
    </Card>
  );
}
