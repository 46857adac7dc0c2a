import dayjs from 'dayjs';

/** Placeholder for a value that is missing; never a made-up number. */
export const EMPTY = '—';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** To the minute, for narrow list columns. */
export function formatDateTimeShort(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

/** 12,345 — or '—' when the number is missing. */
export function formatCount(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('zh-CN') : EMPTY;
}

export function textOrEmpty(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : value;
}
