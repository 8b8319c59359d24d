import type { ReactNode } from 'react';
import { Typography } from 'antd';

interface PageContainerProps {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

/** A page's heading row (title, optional subtitle, actions on the right) above its content. */
export function PageContainer({ title, subTitle, extra, children }: PageContainerProps) {
  return (
    <section className="wj-page">
      <div className="wj-page-head">
        <div className="wj-page-title">
          <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
          {subTitle && <Typography.Text type="secondary" className="wj-page-subtitle">{subTitle}</Typography.Text>}
        </div>
        {extra && <div className="wj-page-extra">{extra}</div>}
      </div>
      {children}
    </section>
  );
}
