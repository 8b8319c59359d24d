/** Small building blocks of the public portal. */
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Alert, Button, Card, Result, Skeleton, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api';
import { fmtDate } from './format';

const PHONE_QUERY = '(max-width: 767px)';

/** True below 768 px (phones): lists render as cards there. Synchronous, so the first render is already right. */
export function useIsMobile(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(PHONE_QUERY);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}

export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} - 双随机抽查公示`;
    return () => { document.title = before; };
  }, [title]);
}

export function PageHeading({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="wj-pub-heading">
      <div className="wj-pub-heading-row">
        <h1 className="wj-pub-h1">{title}</h1>
        {extra}
      </div>
      {children && <div className="wj-pub-lead">{children}</div>}
    </div>
  );
}

export function Section({ title, id, extra, children, className }: { title: ReactNode; id?: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <Card id={id} className={`wj-pub-section ${className ?? ''}`} title={<h2 className="wj-pub-h2">{title}</h2>} extra={extra} variant="borderless">
      {children}
    </Card>
  );
}

/** A full hash in monospace, wrapping on small screens, with a copy button. */
export function HashValue({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text className="wj-pub-hash" copyable={{ text: value, tooltips: [label ? `复制${label}` : '复制', '已复制'] }}>
      {value}
    </Typography.Text>
  );
}

export function StatusTag({ label, color }: { label: string; color?: string }) {
  return <Tag color={color ?? 'default'} className="wj-pub-tag">{label}</Tag>;
}

export function Loading() {
  return <Card variant="borderless" className="wj-pub-section"><Skeleton active paragraph={{ rows: 6 }} /></Card>;
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert
      type="error" showIcon className="wj-pub-alert" title="数据加载失败" description={errorMessage(error)}
      action={retry ? <Button size="small" onClick={retry}>重试</Button> : undefined}
    />
  );
}

export function NotFoundPage({ what = '页面' }: { what?: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="404" title={`${what}不存在`} subTitle="您访问的公示信息不存在、尚未公布或已被撤回。"
      extra={<Button type="primary" onClick={() => navigate('/public/plans')}>返回抽查计划公示</Button>}
    />
  );
}

/** A label–value row used in card lists and key facts. */
export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="wj-pub-field">
      <span className="wj-pub-field-label">{label}</span>
      <span className="wj-pub-field-value">{children}</span>
    </div>
  );
}

/** An implementation window that wraps only between its two dates. */
export function DateRange({ start, end }: { start: string; end: string }) {
  return <span><span className="wj-pub-nowrap">{fmtDate(start)}</span> 至 <span className="wj-pub-nowrap">{fmtDate(end)}</span></span>;
}
