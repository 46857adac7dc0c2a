import { App as AntApp, ConfigProvider } from 'antd';
import type { ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './auth';
import { router } from './routes';

dayjs.locale('zh-cn');

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fc6',
    colorInfo: '#1f5fc6',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2a4f', headerPadding: '0 24px', headerHeight: 56 },
    Menu: { darkItemBg: '#0f2a4f', darkSubMenuItemBg: '#0b2142', darkItemSelectedBg: '#1f5fc6', darkGroupTitleColor: 'rgba(255,255,255,0.45)' },
    Table: { headerBg: '#f5f7fa' },
  },
};

/** Providers: antd in Chinese with the platform theme, the signed-in user, then the router. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
