/** The portal's own frame: a header band with the site name, a three-item nav, and a footer naming the data source. */
import { useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useSite } from './api';
import { PersonIcon } from './components';

const NAV = [
  { to: '/public/plans', label: '抽查计划', match: (p: string) => p === '/public' || p === '/public/' || p.startsWith('/public/plans') },
  { to: '/public/draws', label: '抽取结果', match: (p: string) => p.startsWith('/public/draws') },
  { to: '/public/about', label: '验证说明', match: (p: string) => p.startsWith('/public/about') },
  { to: '/public/complaints/new', label: '投诉举报', match: (p: string) => p.startsWith('/public/complaints') },
];

function Emblem() {
  return (
    <svg viewBox="0 0 64 64" width="40" height="40" aria-hidden="true" className="wj-pub-emblem">
      <path d="M32 6 54 14v16c0 14-9 23-22 28C19 53 10 44 10 30V14z" fill="#fff" />
      <path d="M28.5 19h7v9h9v7h-9v9h-7v-9h-9v-7h9z" fill="#c8102e" />
    </svg>
  );
}

/** The portal's section shown in the header band. */
const sectionTitle = (pathname: string) =>
  pathname.startsWith('/public/complaints') ? '投诉举报' : pathname.startsWith('/public/documents') ? '执法文书验真' : '双随机抽查公示';

export function PublicLayout() {
  const site = useSite();
  const { pathname, hash } = useLocation();
  const siteName = site.data?.name ?? '卫生健康监督执法平台';
  // A new page starts at the top, unless the link points into it (#verify); the page scrolls there itself.
  useEffect(() => { if (!hash) window.scrollTo(0, 0); }, [pathname]);

  return (
    <div className="wj-pub">
      <header className="wj-pub-header">
        <div className="wj-pub-band">
          <div className="wj-pub-inner wj-pub-band-inner">
            <Link to="/public" className="wj-pub-brand" aria-label={`${sectionTitle(pathname)} 首页`}>
              <Emblem />
              <span className="wj-pub-brand-text">
                <span className="wj-pub-site">{siteName}</span>
                <span className="wj-pub-title">{sectionTitle(pathname)}</span>
              </span>
            </Link>
            <a href="/login" className="wj-pub-login" title="工作人员登录"><PersonIcon /><span className="wj-pub-login-long">工作人员登录</span><span className="wj-pub-login-short">登录</span></a>
          </div>
        </div>
        <nav className="wj-pub-nav" aria-label="栏目导航">
          <div className="wj-pub-inner wj-pub-nav-inner">
            {NAV.map((n) => (
              <NavLink key={n.to} to={n.to} className={() => `wj-pub-nav-item${n.match(pathname) ? ' is-active' : ''}`}
                aria-current={n.match(pathname) ? 'page' : undefined}>
                {n.label}
              </NavLink>
            ))}
          </div>
        </nav>
      </header>
      <main className="wj-pub-main">
        <div className="wj-pub-inner"><Outlet /></div>
      </main>
      <footer className="wj-pub-footer">
        <div className="wj-pub-inner">
          <div className="wj-pub-footer-links">
            <Link to="/public/plans">抽查计划</Link>
            <Link to="/public/draws">抽取结果</Link>
            <Link to="/public/about">验证说明</Link>
            <Link to="/public/complaints/new">投诉举报</Link>
            <Link to="/public/complaints/track">投诉查询</Link>
            <a href="/login">工作人员登录</a>
          </div>
          {pathname.startsWith('/public/complaints') ? (
            <p>投诉举报由{siteName}受理。投诉人的姓名、联系方式等信息依法保密，仅承办人员可查看，不向被投诉单位透露，也不在任何页面公开。</p>
          ) : (
            <>
              <p>数据来源：{siteName}。本栏目信息由各组织实施机构依法发布，检查对象和执法人员均通过公开可验证的随机抽取产生。</p>
              <p>抽取数据包与候选名单可自由下载，任何单位和个人均可按公开协议（weijian-draw/2）独立复核抽取结果。</p>
            </>
          )}
        </div>
      </footer>
    </div>
  );
}
