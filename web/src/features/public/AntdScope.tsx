/**
 * antd for the portal pages that use it (plans, draws, verification), with the Chinese locale and the theme. The
 * complaint pages do not: they are plain HTML and load without antd, so a phone on a slow network opens them fast.
 */
import type { ReactNode } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { theme } from '../../app/theme';

dayjs.locale('zh-cn');

export function AntdScope({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp component={false}>{children}</AntdApp>
    </ConfigProvider>
  );
}
