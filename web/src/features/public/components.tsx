/**
 * Small building blocks of the public portal. Plain HTML and CSS, no antd: the complaint pages are built from these
 * alone, so that they load fast on a phone (pages with tables and steps bring antd with them, see AntdScope.tsx).
 */
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Link } from 'react-router';
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

export function usePageTitle(title: string | undefined, site = '双随机抽查公示') {
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} - ${site}`;
    return () => { document.title = before; };
  }, [title, site]);
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

/** A titled white panel (the portal's card). */
export function Section({ title, id, extra, children, className }: { title?: ReactNode; id?: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section id={id} className={`wj-pub-section ${className ?? ''}`}>
      {title && (
        <header className="wj-pub-section-head">
          <h2 className="wj-pub-h2">{title}</h2>
          {extra && <div className="wj-pub-section-extra">{extra}</div>}
        </header>
      )}
      <div className="wj-pub-section-body">{children}</div>
    </section>
  );
}

/** A notice: error, warning, info or success, with an optional action. */
export function Notice({ type, title, children, action, testId }: { type: 'error' | 'warning' | 'info' | 'success'; title: ReactNode; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className={`wj-pub-notice is-${type}`} role={type === 'error' || type === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      <div className="wj-pub-notice-body">
        <div className="wj-pub-notice-title">{title}</div>
        {children && <div className="wj-pub-notice-text">{children}</div>}
      </div>
      {action}
    </div>
  );
}

/** Grey bars while a page loads. */
export function Loading() {
  return (
    <section className="wj-pub-section" aria-busy="true" aria-label="正在加载">
      <div className="wj-pub-section-body wj-pub-skeleton">
        {[60, 100, 90, 100, 75, 40].map((w, i) => <span key={i} style={{ width: `${w}%` }} />)}
      </div>
    </section>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Notice type="error" title="数据加载失败" action={retry ? <button type="button" className="wj-pub-btn is-small" onClick={retry}>重试</button> : undefined}>
      {errorMessage(error)}
    </Notice>
  );
}

export function NotFoundPage({ what = '页面' }: { what?: string }) {
  return (
    <section className="wj-pub-section wj-pub-result">
      <div className="wj-pub-result-code">404</div>
      <h1 className="wj-pub-result-title">{what}不存在</h1>
      <p className="wj-pub-note">您访问的信息不存在、尚未公布或已被撤回。</p>
      <Link to="/public/plans" className="wj-pub-btn is-primary">返回抽查计划公示</Link>
    </section>
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

/** The icon of a person (staff login link). */
export function PersonIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" fill="currentColor">
      <path d="M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0 2c-4.4 0-8 2.2-8 5v3h16v-3c0-2.8-3.6-5-8-5z" />
    </svg>
  );
}
