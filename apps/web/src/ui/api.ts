// The one way the web app talks to the server: JSON over same-origin fetch, with the session's CSRF token
// on every state-changing request and the server's Chinese error message carried in ApiError.

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;

/** A page of a list endpoint: `{ items, total, page, pageSize }` (page is 1-based). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One field the server refused: `path` like `body.creditCode`, `message` in Chinese. */
export interface FieldError {
  path: string;
  message: string;
}

/** An error response of the API (`{ error: { code, message, details } }`), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** Field problems of a 400 response (`details.fields`), empty otherwise. */
  get fields(): FieldError[] {
    const raw = this.details.fields;
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (f): f is FieldError => typeof f === 'object' && f !== null && typeof (f as FieldError).path === 'string' && typeof (f as FieldError).message === 'string',
    );
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Chinese text for any error, for places that only show a message. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof DOMException && e.name === 'AbortError') return '请求已取消';
  if (e instanceof Error && e.message) return `页面出现错误：${e.message}`;
  return '操作失败，请稍后重试';
}

let csrfToken: string | null = null;

/** Set by the auth provider after GET /identity/me or login; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;

/** Default reaction to a 401: go to the login page and come back here afterwards. */
let onUnauthorized: UnauthorizedHandler = () => {
  const { pathname, search, hash } = window.location;
  if (pathname === '/login') return;
  window.location.assign(loginPath(pathname + search + hash));
};

/** Lets the auth provider react to an expired session (clear the user, then redirect). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export function loginPath(next?: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

/** `/api/v1` + path + query string; empty values (undefined, null, '', []) are left out. */
export function apiUrl(path: string, query?: Query): string {
  const base = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  const qs = toQueryString(query);
  return qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
}

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) params.append(key, String(v));
    } else {
      params.append(key, String(value));
    }
  }
  return params.toString();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a file's bytes) with its content type, instead of a JSON body. */
  raw?: { data: Blob; contentType: string };
  signal?: AbortSignal;
  /** 'redirect' (default) sends the user to the login page on 401; 'throw' only throws (login form, session probe). */
  on401?: 'redirect' | 'throw';
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Calls the API and returns the parsed JSON body (undefined for 204). Throws ApiError on any failure. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.raw) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ? options.raw.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接到服务器，请检查网络后重试');
  }

  const requestId = response.headers.get('x-request-id');
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'RESPONSE_INVALID', '服务器返回的数据格式不正确，请稍后重试', {}, requestId);
    }
  }

  const error = await parseError(response, requestId);
  if (response.status === 401 && (options.on401 ?? 'redirect') === 'redirect') onUnauthorized();
  throw error;
}

async function parseError(response: Response, requestId: string | null): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    const details = typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, unknown>) : {};
    return new ApiError(response.status, err.code, err.message, details, requestId ?? stringOrNull(details.requestId));
  }
  return new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status), {}, requestId);
}

const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您没有执行此操作的权限';
  if (status === 404) return '请求的资源不存在';
  if (status === 413) return '提交的内容过大';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status === 502 || status === 503 || status === 504) return `服务暂时不可用（HTTP ${status}），请稍后重试`;
  if (status >= 500) return `服务器内部错误（HTTP ${status}），请稍后重试`;
  return `请求失败（HTTP ${status}）`;
}

/** Shorthands. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
  /** POSTs a file's bytes as the request body (e.g. an Excel workbook); the type defaults to the file's own. */
  upload: <T>(path: string, file: Blob, contentType?: string, query?: Query) =>
    request<T>(path, { method: 'POST', query, raw: { data: file, contentType: contentType || file.type || 'application/octet-stream' } }),
};

/** Link for a file download (export) with the current filters; the browser sends the session cookie itself. */
export const downloadUrl = (path: string, query?: Query) => apiUrl(path, query);
