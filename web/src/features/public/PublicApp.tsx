/**
 * 一公开: the public portal of random inspections (双随机抽查公示), no login, mobile-first.
 * Routed from /public/* (app/router.tsx); every page reads the anonymous /api/public/* endpoints.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading, NotFoundPage } from './components';
import { PublicLayout } from './PublicLayout';
import { PlansPage } from './PlansPage';
import './public.css';

const PlanPage = lazy(() => import('./PlanPage'));
const DrawsPage = lazy(() => import('./DrawsPage'));
const AboutPage = lazy(() => import('./AboutPage'));
const ComplaintSubmitPage = lazy(() => import('./complaints/SubmitPage'));
const ComplaintTrackPage = lazy(() => import('./complaints/TrackPage'));
const VerifyDocumentPage = lazy(() => import('./documents/VerifyDocumentPage'));

export default function PublicApp() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route index element={<PlansPage />} />
        <Route path="plans" element={<PlansPage />} />
        <Route path="plans/:id" element={<Suspense fallback={<Loading />}><PlanPage /></Suspense>} />
        <Route path="draws" element={<Suspense fallback={<Loading />}><DrawsPage /></Suspense>} />
        <Route path="about" element={<Suspense fallback={<Loading />}><AboutPage /></Suspense>} />
        <Route path="complaints" element={<Suspense fallback={<Loading />}><ComplaintSubmitPage /></Suspense>} />
        <Route path="complaints/new" element={<Suspense fallback={<Loading />}><ComplaintSubmitPage /></Suspense>} />
        <Route path="complaints/track" element={<Suspense fallback={<Loading />}><ComplaintTrackPage /></Suspense>} />
        <Route path="documents/:code?" element={<Suspense fallback={<Loading />}><VerifyDocumentPage /></Suspense>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
