import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a page fails to load or throws while rendering (e.g. a new version was deployed meanwhile). */
export function RouteError() {
  const error = useRouteError();
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : null;
  return (
    <Result
      status="error"
      title={chunkFailed ? '页面资源加载失败' : '页面出现错误'}
      subTitle={
        <>
          {chunkFailed ? '系统可能刚刚完成升级，请刷新页面后重试。' : '请刷新页面后重试；如问题持续，请联系系统管理员。'}
          {detail && !chunkFailed ? <div style={{ marginTop: 8, fontSize: 12 }}>错误信息：{detail}</div> : null}
        </>
      }
      extra={
        <>
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
          <Button href="/">返回首页</Button>
        </>
      }
    />
  );
}
