import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable, Transform } from 'node:stream';
import iconv from 'iconv-lite';
import type ExcelJS from 'exceljs';
import pg from 'pg';
import { sm3, sm4Decrypt, sm4Encrypt } from '@shuzheng/standards/crypto';
import { loadExcel } from '../../kernel/spreadsheet.ts';

// Where ingest reads from: an uploaded file (CSV / XLSX / JSON Lines, UTF-8 or GBK), a PostgreSQL query pulled
// through a server-side cursor, or a paged HTTP JSON API. Every source is an async stream of records (source column
// → value) with a progress reading; nothing is held beyond one batch/page.

export type FileFormat = 'csv' | 'xlsx' | 'jsonl';
export type Encoding = 'auto' | 'utf8' | 'gbk';

export interface FileSource { kind: 'file'; uploadId: string; format: FileFormat; encoding: Encoding; delimiter?: string | undefined }
export interface PostgresSource { kind: 'postgres'; connectionString: string; query: string; batchSize?: number | undefined }
export interface HttpSource {
  kind: 'http';
  url: string;
  pageParam?: string | undefined;
  pageSizeParam?: string | undefined;
  pageSize?: number | undefined;
  startPage?: number | undefined;
  /** dot path of the records array in a page's JSON ('' = the body is the array) */
  recordsPath?: string | undefined;
  /** dot path of the total record count (for the percent), optional */
  totalPath?: string | undefined;
  /** request headers (e.g. Authorization); secret, never returned */
  headers?: Record<string, string> | undefined;
  maxPages?: number | undefined;
}
export type SourceSpec = FileSource | PostgresSource | HttpSource;

/** A file source resolved to its stored upload. */
export interface ResolvedFile { path: string; name: string; size: number }

export interface SourceProgress { bytesRead: number; bytesTotal: number | null; pagesRead: number; rowsTotal: number | null }

/** Marks a record the source could not parse (e.g. a bad JSON line); the loader rejects it with this reason. */
export const PARSE_ERROR = '__parse_error__';

export interface OpenedSource {
  records: AsyncGenerator<Record<string, unknown>>;
  progress(): SourceProgress;
  /** The encoding actually used (files). */
  encoding: string | null;
}

/** `postgres://user:***@host/db`: a connection string without its password (and without password= parameters). */
export function maskConnectionString(cs: string): string {
  try {
    const u = new URL(cs);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (/pass|secret|key/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return cs.replace(/password\s*=\s*\S+/gi, 'password=***');
  }
}

/** The URL of an HTTP source without credentials in it (user info, token-like query parameters). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (/token|key|secret|pass|sign/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return url;
  }
}

/** Fills the defaults of a source (file encoding auto-detected). */
export function normalizeSource(spec: SourceSpec): SourceSpec {
  if (spec.kind === 'file') return { ...spec, encoding: spec.encoding ?? 'auto' };
  return spec;
}

/** A description of a source fit for the job record and lineage: never a secret. */
export function describeSource(spec: SourceSpec, file?: ResolvedFile | null): string {
  switch (spec.kind) {
    case 'file': return `文件 ${file?.name ?? spec.uploadId}（${spec.format.toUpperCase()}，${spec.encoding === 'auto' ? '自动识别编码' : spec.encoding.toUpperCase()}）`;
    case 'postgres': return `PostgreSQL ${maskConnectionString(spec.connectionString)}：${spec.query.replace(/\s+/g, ' ').slice(0, 200)}`;
    case 'http': return `HTTP 接口 ${maskUrl(spec.url)}`;
  }
}

/** The source as the API shows it: secrets replaced by ***. */
export function maskedSource(spec: SourceSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'file': return { ...spec };
    case 'postgres': return { ...spec, connectionString: maskConnectionString(spec.connectionString) };
    case 'http': return { ...spec, url: maskUrl(spec.url), headers: spec.headers ? Object.fromEntries(Object.keys(spec.headers).map((k) => [k, '***'])) : undefined };
  }
}

/** UTF-8 when the file's first 64 KB decode as UTF-8, otherwise GBK (government exports often are). */
export function detectEncoding(filePath: string): 'utf8' | 'gbk' {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n), { stream: true });
      return 'utf8';
    } catch {
      return 'gbk';
    }
  } finally {
    fs.closeSync(fd);
  }
}

function decoded(file: ResolvedFile, encoding: 'utf8' | 'gbk'): { stream: Readable; raw: fs.ReadStream } {
  const raw = fs.createReadStream(file.path, { highWaterMark: 256 * 1024 });
  const stream = raw.pipe(iconv.decodeStream(encoding === 'utf8' ? 'utf8' : 'gbk', { stripBOM: true }) as unknown as Transform);
  raw.on('error', (err) => stream.destroy(err));
  return { stream, raw };
}

/** Splits one CSV record (RFC 4180: quoted fields, doubled quotes, delimiters and newlines inside quotes). */
function splitQuoted(text: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

const quoteCount = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = s.indexOf('"', from); i !== -1 && i < to; i = s.indexOf('"', i + 1)) n++;
  return n;
};

/**
 * Streaming CSV records. Lines without quotes take the fast path (split on the delimiter); a record with quotes is
 * parsed field by field and may span lines. CRLF and LF both end a record.
 */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer>, delimiter: string): AsyncGenerator<string[]> {
  let buf = '';
  for await (const chunk of chunks) {
    buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let start = 0;
    let nextQuote = buf.indexOf('"');
    for (;;) {
      let nl = buf.indexOf('\n', start);
      if (nl < 0) break;
      if (nextQuote !== -1 && nextQuote < start) nextQuote = buf.indexOf('"', start);
      if (nextQuote !== -1 && nextQuote < nl) {
        // A quoted field: extend to the newline where the quotes are balanced (or wait for more data).
        while (nl !== -1 && quoteCount(buf, start, nl) % 2 === 1) nl = buf.indexOf('\n', nl + 1);
        if (nl < 0) break;
        const end = buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield splitQuoted(buf.slice(start, end), delimiter);
      } else {
        const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield buf.slice(start, end).split(delimiter);
      }
      start = nl + 1;
    }
    buf = buf.slice(start);
  }
  if (buf.length) {
    const text = buf.endsWith('\r') ? buf.slice(0, -1) : buf;
    yield text.includes('"') ? splitQuoted(text, delimiter) : text.split(delimiter);
  }
}

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[]; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    if (o.error) return null;
    return String(v);
  }
  return v;
}

function openFile(spec: FileSource, file: ResolvedFile): OpenedSource {
  const encoding = spec.format === 'xlsx' ? null : spec.encoding === 'auto' ? detectEncoding(file.path) : spec.encoding;
  let raw: fs.ReadStream | null = null;
  const progress = () => ({ bytesRead: raw?.bytesRead ?? 0, bytesTotal: file.size, pagesRead: 0, rowsTotal: null });

  async function* csv() {
    const d = decoded(file, encoding as 'utf8' | 'gbk');
    raw = d.raw;
    let header: string[] | null = null;
    try {
      for await (const fields of csvRecords(d.stream, spec.delimiter || ',')) {
        if (!header) {
          header = fields.map((h) => h.trim());
          continue;
        }
        if (fields.length === 1 && fields[0]!.trim() === '') continue;
        const rec: Record<string, unknown> = {};
        for (let i = 0; i < header.length; i++) rec[header[i]!] = fields[i]?.trim() ?? null;
        yield rec;
      }
    } finally {
      raw.destroy();
    }
  }

  async function* jsonl() {
    const d = decoded(file, encoding as 'utf8' | 'gbk');
    raw = d.raw;
    const lines = readline.createInterface({ input: d.stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch {
          yield { [PARSE_ERROR]: 'JSON 解析失败', line: line.slice(0, 500) };
          continue;
        }
        if (rec && typeof rec === 'object' && !Array.isArray(rec)) yield rec as Record<string, unknown>;
        else yield { [PARSE_ERROR]: '每行应为一个 JSON 对象', line: line.slice(0, 500) };
      }
    } finally {
      raw.destroy();
    }
  }

  async function* xlsx() {
    raw = fs.createReadStream(file.path, { highWaterMark: 256 * 1024 });
    const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(raw, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
    try {
      for await (const sheet of reader) {
        let header: string[] | null = null;
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          const values = (row.values as unknown[]).slice(1).map(cellValue);
          if (!header) {
            header = values.map((v) => String(v ?? '').trim());
            continue;
          }
          if (values.every((v) => v === null || v === '')) continue;
          const rec: Record<string, unknown> = {};
          header.forEach((h, i) => {
            if (h) rec[h] = values[i] ?? null;
          });
          yield rec;
        }
        break; // the first worksheet only
      }
    } finally {
      raw.destroy();
    }
  }

  const records = spec.format === 'csv' ? csv() : spec.format === 'jsonl' ? jsonl() : xlsx();
  return { records, progress, encoding };
}

/** Reads a PostgreSQL query in a read-only, repeatable-read transaction through a server-side cursor, batch by batch. */
function openPostgres(spec: PostgresSource, opts: { statementTimeoutMs: number }): OpenedSource {
  let pagesRead = 0;
  let rowsTotal: number | null = null;
  async function* records() {
    const client = new pg.Client({ connectionString: spec.connectionString, connectionTimeoutMillis: 10_000 });
    client.on('error', () => {});
    await client.connect();
    try {
      await client.query('begin transaction isolation level repeatable read read only');
      await client.query(`set local statement_timeout = ${Math.max(1000, Math.floor(opts.statementTimeoutMs))}`);
      const query = spec.query.trim().replace(/;+\s*$/, '');
      const count = await client.query(`select count(*)::bigint as n from (${query}) as ingest_source`);
      rowsTotal = Number(count.rows[0].n);
      await client.query(`declare ingest_cursor no scroll cursor for ${query}`);
      const size = Math.min(Math.max(spec.batchSize ?? 5000, 100), 50_000);
      for (;;) {
        const r = await client.query(`fetch forward ${size} from ingest_cursor`);
        pagesRead++;
        for (const row of r.rows) yield row as Record<string, unknown>;
        if (r.rows.length < size) break;
      }
      await client.query('commit');
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { records: records(), progress: () => ({ bytesRead: 0, bytesTotal: null, pagesRead, rowsTotal }), encoding: null };
}

export function pathGet(obj: unknown, path: string | undefined): unknown {
  if (!path) return obj;
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Pulls a paged JSON API: page, page + 1, … until a page has fewer records than the page size (or maxPages). */
function openHttp(spec: HttpSource, opts: { timeoutMs: number }): OpenedSource {
  let pagesRead = 0;
  let rowsTotal: number | null = null;
  const pageSize = spec.pageSize ?? 500;
  async function* records() {
    const maxPages = spec.maxPages ?? 100_000;
    for (let page = spec.startPage ?? 1, n = 0; n < maxPages; page++, n++) {
      const url = new URL(spec.url);
      url.searchParams.set(spec.pageParam || 'page', String(page));
      url.searchParams.set(spec.pageSizeParam || 'pageSize', String(pageSize));
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'application/json', ...(spec.headers ?? {}) }, signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'error' });
      } catch (err) {
        throw new Error(`接口第 ${page} 页请求失败：${(err as Error).message}`);
      }
      if (!res.ok) throw new Error(`接口第 ${page} 页返回 HTTP ${res.status}`);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new Error(`接口第 ${page} 页不是合法的 JSON`);
      }
      const list = pathGet(body, spec.recordsPath);
      if (!Array.isArray(list)) throw new Error(`接口第 ${page} 页在路径 “${spec.recordsPath ?? ''}” 处没有记录数组`);
      if (spec.totalPath && rowsTotal === null) {
        const total = Number(pathGet(body, spec.totalPath));
        if (Number.isFinite(total) && total >= 0) rowsTotal = total;
      }
      pagesRead++;
      for (const rec of list) {
        if (rec && typeof rec === 'object' && !Array.isArray(rec)) yield rec as Record<string, unknown>;
        else yield { [PARSE_ERROR]: '记录不是 JSON 对象', line: JSON.stringify(rec).slice(0, 500) };
      }
      if (list.length < pageSize) break;
    }
  }
  return { records: records(), progress: () => ({ bytesRead: 0, bytesTotal: null, pagesRead, rowsTotal }), encoding: null };
}

export function openSource(spec: SourceSpec, file: ResolvedFile | null, opts: { timeoutMs: number }): OpenedSource {
  switch (spec.kind) {
    case 'file':
      if (!file) throw new Error('上传的文件不存在');
      return openFile(spec, file);
    case 'postgres': return openPostgres(spec, { statementTimeoutMs: opts.timeoutMs * 20 });
    case 'http': return openHttp(spec, opts);
  }
}

// Source secrets at rest: a PostgreSQL connection string carries a password, an HTTP source may carry tokens in its
// URL or headers. Such sources are stored SM4-sealed (GB/T 32907, CBC with a random IV, see sm4Encrypt) under a key
// derived from the platform master key; file sources hold no secret and are stored as they are.
const sourceKey = (masterKeyHex: string) =>
  Buffer.from(sm3(Buffer.concat([Buffer.from('shuzheng/ingest/source-seal\n'), Buffer.from(masterKeyHex, 'hex')])), 'hex').subarray(0, 16);

/** What the database holds of a source: the spec itself for files, `{ kind, sealed }` for sources with secrets. */
export function sealSource(masterKeyHex: string, spec: SourceSpec): Record<string, unknown> {
  if (spec.kind === 'file') return { ...spec };
  return { kind: spec.kind, sealed: sm4Encrypt(sourceKey(masterKeyHex), Buffer.from(JSON.stringify(spec), 'utf8')).toString('base64') };
}

/** The source spec of a stored source (see sealSource); throws when the master key cannot open it. */
export function unsealSource(masterKeyHex: string, stored: unknown): SourceSpec {
  const s = stored as { kind: string; sealed?: string };
  if (typeof s.sealed !== 'string') return stored as SourceSpec;
  return JSON.parse(sm4Decrypt(sourceKey(masterKeyHex), Buffer.from(s.sealed, 'base64')).toString('utf8')) as SourceSpec;
}
