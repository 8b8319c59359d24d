import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import zodZhCN from 'zod/v4/locales/zh-CN.js';
import { ApiError, setUnauthorizedHandler } from './app/api';
import { AuthProvider, ME_KEY } from './app/auth';
import { router } from './app/router';
import { theme } from './app/theme';
import './styles.css';

dayjs.locale('zh-cn');
z.config(zodZhCN());

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

// Any 401 (session expired or revoked): forget the user and go to the login page.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(ME_KEY, null);
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) {
    void router.navigate(`/login?expired=1&from=${encodeURIComponent(here)}`, { replace: true });
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  </StrictMode>,
);
