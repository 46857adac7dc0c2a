import { Alert, Button } from 'antd';
import { ApiError, errorMessage } from './api';

export interface ErrorAlertProps {
  error: unknown;
  /** Shows a 重试 button. */
  onRetry?: () => void;
  /** Title above the server's message, e.g. "部门列表加载失败". */
  title?: string;
  style?: React.CSSProperties;
}

/** Shows the server's Chinese message, plus the request id people can quote to the administrator; nothing without an error. */
export function ErrorAlert({ error, onRetry, title, style }: ErrorAlertProps) {
  if (error === null || error === undefined) return null;
  const message = errorMessage(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  const description = (
    <>
      {title ? <div>{message}</div> : null}
      {requestId ? <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>请求编号：{requestId}</div> : null}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? message}
      description={title || requestId ? description : undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
      style={style}
    />
  );
}
