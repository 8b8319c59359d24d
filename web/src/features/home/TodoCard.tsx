/**
 * A 待办 list on the home page: items sorted by deadline, each saying what to do, about what, who acts and by when,
 * overdue ones in red and those due within three days in orange. Phone first: one item per block, no table.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Empty, Segmented, Skeleton, Tag, Tooltip } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import type { TodoItem, TodoKind, TodoList } from './api';
import './home.css';

const KIND_COLORS: Record<TodoKind, string> = {
  approval: 'magenta', complaint: 'volcano', lead: 'purple', task: 'blue', followUp: 'cyan', licence: 'gold', system: 'geekblue',
};

type Filter = 'all' | 'overdue' | 'soon';

function Due({ item, today }: { item: TodoItem; today: string }) {
  if (!item.due) return <span className="wj-todo-due is-none">无期限</span>;
  const label = item.overdue ? '已逾期' : item.due === today ? '今日到期' : item.soon ? '临期' : '期限';
  const body = (
    <span className={`wj-todo-due${item.overdue ? ' is-overdue' : item.soon ? ' is-soon' : ''}`}>
      <span className="wj-todo-due-label">{label}</span> {item.due}
    </span>
  );
  return item.dueBasis ? <Tooltip title={item.dueBasis}>{body}</Tooltip> : body;
}

export function TodoRow({ item, today, showActor }: { item: TodoItem; today: string; showActor?: boolean }) {
  return (
    <li className={`wj-todo-item${item.overdue ? ' is-overdue' : ''}`}>
      <Link to={item.link} className="wj-todo-link" aria-label={`${item.action}：${item.title}${item.due ? `，期限 ${item.due}` : ''}${item.overdue ? '（已逾期）' : ''}`}>
        <div className="wj-todo-main">
          <div className="wj-todo-head">
            <Tag color={KIND_COLORS[item.kind]} className="wj-todo-kind">{item.kindLabel}</Tag>
            <span className="wj-todo-action">{item.action}</span>
            <span className="wj-todo-title">{item.title}</span>
          </div>
          <div className="wj-todo-meta">
            <span>{item.state}</span>
            {showActor && item.actor && <span>办理：{item.actor}</span>}
            {item.detail && <span className="wj-todo-detail">{item.detail}</span>}
          </div>
        </div>
        <div className="wj-todo-side">
          <Due item={item} today={today} />
          <RightOutlined className="wj-todo-arrow" aria-hidden />
        </div>
      </Link>
    </li>
  );
}

const PAGE = 8;

/**
 * The card: counts, a 全部/已逾期/临期 switch, the first items and a button for the rest. `pick` narrows the list
 * (e.g. approvals only); `empty` is what an empty list says, in the role's terms.
 */
export function TodoCard({ title, icon, data, loading, error, pick, empty, showActor, extra, testId }: {
  title: string; icon?: ReactNode; data: TodoList | undefined; loading: boolean; error?: unknown;
  pick?: (i: TodoItem) => boolean; empty: ReactNode; showActor?: boolean; extra?: ReactNode; testId?: string;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const [all, setAll] = useState(false);
  const items = (data?.items ?? []).filter((i) => !pick || pick(i));
  const overdue = items.filter((i) => i.overdue).length;
  const soon = items.filter((i) => i.soon).length;
  const shown = items.filter((i) => filter === 'all' || (filter === 'overdue' ? i.overdue : i.soon));
  const visible = all ? shown : shown.slice(0, PAGE);
  const more = data && !pick && data.total > data.items.length ? data.total - data.items.length : 0;

  return (
    <Card
      className="wj-card wj-todo-card"
      size="small"
      data-testid={testId}
      title={<span className="wj-todo-card-title">{icon} {title}{data && <span className="wj-todo-count">{items.length}</span>}</span>}
      extra={extra}
    >
      {error ? <Alert type="error" showIcon title="待办事项加载失败" description={errorMessage(error)} /> : loading || !data ? <Skeleton active paragraph={{ rows: 4 }} /> : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <>
          <div className="wj-todo-bar">
            <Segmented<Filter>
              size="small"
              value={filter}
              onChange={(v) => { setFilter(v); setAll(false); }}
              options={[
                { value: 'all', label: `全部 ${items.length}` },
                { value: 'overdue', label: <span className={overdue ? 'wj-todo-n-overdue' : undefined}>已逾期 {overdue}</span> },
                { value: 'soon', label: <span className={soon ? 'wj-todo-n-soon' : undefined}>临期 {soon}</span> },
              ]}
            />
          </div>
          {shown.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'overdue' ? '没有逾期事项' : '没有 3 日内到期的事项'} /> : (
            <ul className="wj-todo-list">
              {visible.map((i) => <TodoRow key={i.key} item={i} today={data.today} showActor={showActor} />)}
            </ul>
          )}
          {shown.length > PAGE && (
            <Button type="link" block onClick={() => setAll(!all)}>{all ? '收起' : `展开其余 ${shown.length - PAGE} 项`}</Button>
          )}
          {more > 0 && <div className="wj-todo-more">另有 {more} 项期限较远，未列出</div>}
        </>
      )}
    </Card>
  );
}
