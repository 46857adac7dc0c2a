import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, request, type Query } from './api';

export interface ApiQueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True while a request is in flight (also during reload; `data` keeps the previous value). */
  loading: boolean;
  /** Fetches again with the same path and query. */
  reload: () => void;
  /** Replaces the data locally, e.g. with the body a successful save returned. */
  setData: (data: T | undefined) => void;
}

export interface ApiQueryOptions {
  /** Skip the request while false (e.g. until a dependency is chosen). Same as passing `null` as path. */
  enabled?: boolean;
  /** 'redirect' (default) or 'throw' on 401; see RequestOptions.on401. */
  on401?: 'redirect' | 'throw';
}

/**
 * GETs `path` with `query` and re-fetches whenever either changes. Pass `null` as path to wait.
 * Outdated responses are discarded (AbortController), so fast filter changes never show stale data.
 */
export function useApiQuery<T>(path: string | null, query?: Query, options: ApiQueryOptions = {}): ApiQueryState<T> {
  const enabled = path !== null && options.enabled !== false;
  const key = enabled ? `${path}?${stableKey(query)}` : null;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [nonce, setNonce] = useState(0);
  const latest = useRef({ path, query, on401: options.on401 });
  latest.current = { path, query, on401: options.on401 };

  useEffect(() => {
    if (key === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    const { path: p, query: q, on401 } = latest.current;
    setLoading(true);
    setError(null);
    request<T>(p as string, { query: q, signal: controller.signal, on401 })
      .then((body) => {
        if (controller.signal.aborted) return;
        setData(body);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', e instanceof Error ? e.message : '加载失败'));
        setLoading(false);
      });
    return () => controller.abort();
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

/** Query objects compared by value, with keys sorted and empty values dropped. */
function stableKey(query?: Query): string {
  if (!query) return '';
  return Object.keys(query)
    .sort()
    .filter((k) => query[k] !== undefined && query[k] !== null && query[k] !== '')
    .map((k) => `${k}=${JSON.stringify(query[k])}`)
    .join('&');
}
