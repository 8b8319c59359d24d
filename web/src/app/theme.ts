import type { ThemeConfig } from 'antd';

/** Government back-office palette: deep blue chrome, restrained accents, compact tables. */
export const FONT_FAMILY = '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Helvetica Neue", Arial, sans-serif';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1456b8',
    colorInfo: '#1456b8',
    colorSuccess: '#2e8b57',
    colorWarning: '#d9822b',
    colorError: '#c8102e',
    colorLink: '#1456b8',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: {
      headerBg: '#0b3a7e',
      headerHeight: 56,
      headerPadding: '0 16px',
      siderBg: '#0c2d5c',
      footerPadding: '12px 24px',
    },
    Menu: {
      darkItemBg: '#0c2d5c',
      darkSubMenuItemBg: '#08234a',
      darkItemSelectedBg: '#1456b8',
      darkItemColor: 'rgba(255,255,255,0.78)',
      darkItemHoverColor: '#ffffff',
      itemHeight: 42,
    },
    Table: {
      headerBg: '#eef3fa',
      headerColor: '#1f2d3d',
      rowHoverBg: '#f5f8fd',
      cellPaddingBlockMD: 10,
    },
    Card: {
      headerFontSize: 15,
    },
    Descriptions: {
      labelBg: '#f5f7fa',
    },
  },
};
