/**
 * The public portal (no login, mobile-first): 一公开 of random inspections and 投诉举报. Routed from /public/* — by
 * its own light entry (portal-main.tsx) when opened directly, or inside the staff app. The complaint pages are plain
 * HTML; plans, draws and verification load antd with them (lazyWithAntd).
 */
import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { lazyWithAntd } from './lazy-antd';
import { Loading, NotFoundPage } from './components';
import { PublicLayout } from './PublicLayout';
import './public.css';

const PlansPage = lazyWithAntd(() => import('./PlansPage').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazyWithAntd(() => import('./PlanPage'));
const DrawsPage = lazyWithAntd(() => import('./DrawsPage'));
const AboutPage = lazyWithAntd(() => import('./AboutPage'));
const VerifyDocumentPage = lazyWithAntd(() => import('./documents/VerifyDocumentPage'));
// the complaint pages are the portal's phone pages: in the entry chunk, no extra round trip
import ComplaintSubmitPage from './complaints/SubmitPage';
import ComplaintTrackPage from './complaints/TrackPage';

const page = (Page: React.ComponentType) => <Suspense fallback={<Loading />}><Page /></Suspense>;

export default function PublicApp() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route index element={page(PlansPage)} />
        <Route path="plans" element={page(PlansPage)} />
        <Route path="plans/:id" element={page(PlanPage)} />
        <Route path="draws" element={page(DrawsPage)} />
        <Route path="about" element={page(AboutPage)} />
        <Route path="complaints" element={page(ComplaintSubmitPage)} />
        <Route path="complaints/new" element={page(ComplaintSubmitPage)} />
        <Route path="complaints/track" element={page(ComplaintTrackPage)} />
        <Route path="documents/:code?" element={page(VerifyDocumentPage)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
