/**
 * Entry of the public portal (/public/*, served from portal.html): no login, phone first. It does not load the staff
 * app or antd: the complaint pages are plain HTML; the pages that need antd bring it when they are opened.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import PublicApp from './features/public/PublicApp';
import { complaintMetaQuery } from './features/public/complaints/api';
import './features/public/base.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });
// the complaint form needs its categories and districts: ask for them while React starts
if (window.location.pathname.startsWith('/public/complaints')) void queryClient.prefetchQuery(complaintMetaQuery);
const router = createBrowserRouter([{ path: '/public/*', element: <PublicApp /> }, { path: '*', element: <PublicApp /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
