import { useEffect, useMemo, useState } from 'react';
import { ApiError, request } from '../../ui/api';
import type { Category, CatalogMeta, EnumName, FormatClass, Option } from './types';

// The enumerations of docs/catalog-api.md §2. GET /meta is the source of the labels; these are only what the
// pages show until it has arrived (and if it cannot be loaded), so the same codes never flash as raw values.
const FALLBACK_ENUMS: Record<EnumName, Option[]> = {
  Category: opts('basic 基础信息资源', 'theme 主题信息资源', 'department 部门信息资源'),
  FormatClass: opts('electronic_file 电子文件', 'spreadsheet 电子表格', 'database 数据库', 'image 图形图像', 'streaming 流媒体', 'self_describing 自描述格式', 'other 其他'),
  ShareType: opts('unconditional 无条件共享', 'conditional 有条件共享', 'none 不予共享'),
  OpenType: opts('unconditional 无条件开放', 'conditional 有条件开放', 'none 不予开放'),
  ShareMethod: opts('platform 共享平台方式', 'other 其他方式（邮件/拷盘/介质交换）'),
  ShareChannel: opts('table 库表', 'api 接口', 'file 文件'),
  NoShareBasisType: opts('law 法律法规', 'policy 政策文件', 'sensitive 涉及敏感信息', 'other 其他'),
  UpdateFrequency: opts('realtime 实时', 'daily 每日', 'weekly 每周', 'monthly 每月', 'quarterly 每季度', 'half_yearly 每半年', 'yearly 每年', 'irregular 不定期'),
  Grade: opts('core 核心数据', 'important 重要数据', 'general 一般数据'),
  DataType: opts('string 字符型', 'integer 整数型', 'decimal 数值型', 'date 日期型', 'datetime 日期时间型', 'boolean 布尔型', 'binary 二进制'),
  Sensitivity: opts('none 非个人信息', 'personal 个人信息', 'sensitive_personal 个人敏感信息'),
  EntryStatus: opts('draft 草稿', 'submitted 待审核', 'returned 已退回', 'published 已发布', 'change_submitted 变更待审核', 'change_returned 变更已退回', 'withdrawal_submitted 撤销待审核', 'withdrawn 已撤销'),
  Origin: opts('local 本级编目', 'provincial 省级下发（只读）'),
  ReportStatus: opts('not_reported 未上报', 'reported 已上报', 'synced 已同步', 'rejected 退回'),
  SystemDeployment: opts('gov_cloud 政务云', 'self_hosted 自建机房'),
  SystemNetwork: opts('extranet 电子政务外网', 'internet 互联网', 'private 专网'),
  SystemStatus: opts('building 在建', 'running 运行', 'retired 停用'),
  MountKind: opts('table 库表', 'api 接口', 'file 文件'),
  MountStatus: opts('registered 已登记（待接入）', 'available 可用', 'invalid 映射失效', 'disabled 已停用'),
  ApiAuth: opts('token 令牌', 'app_key AppKey 签名', 'sm2 SM2 数字签名', 'mtls 双向证书'),
  DeadlineRuleCode: opts('register_new 新增资源编目', 'update_after_duty_change 职责变更后更新目录', 'bureau_review 数据局审核'),
  Light: opts('green 正常', 'yellow 临期', 'red 逾期', 'unknown 无法计算'),
};

function opts(...pairs: string[]): Option[] {
  return pairs.map((p) => {
    const i = p.indexOf(' ');
    return { value: p.slice(0, i), label: p.slice(i + 1) };
  });
}

let cached: CatalogMeta | null = null;
let pending: Promise<CatalogMeta> | null = null;

function loadMeta(): Promise<CatalogMeta> {
  if (cached) return Promise.resolve(cached);
  if (!pending) {
    pending = request<CatalogMeta>('/catalog/meta')
      .then((m) => {
        cached = m;
        return m;
      })
      .catch((e: unknown) => {
        pending = null; // try again on the next page that asks
        throw e;
      });
  }
  return pending;
}

export interface CatalogMetaApi {
  meta: CatalogMeta | null;
  error: ApiError | null;
  loading: boolean;
  /** Options of an enumeration, in the server's order. */
  options: (name: EnumName) => Option[];
  /** Chinese label of a code; the code itself when unknown, '—' for null. */
  label: (name: EnumName, value: string | null | undefined) => string;
  subcategories: (category: Category | null | undefined) => Option[];
  subcategoryLabel: (category: Category | null | undefined, value: string | null | undefined) => string;
  formatTypes: (formatClass: FormatClass | null | undefined) => string[];
  checkLabel: (code: string) => string;
}

/** Reference data of the catalog (GET /catalog/meta), loaded once per page load. */
export function useCatalogMeta(): CatalogMetaApi {
  const [meta, setMeta] = useState<CatalogMeta | null>(cached);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (cached) return;
    let alive = true;
    loadMeta()
      .then((m) => alive && setMeta(m))
      .catch((e: unknown) => alive && setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '目录参考数据加载失败')));
    return () => {
      alive = false;
    };
  }, []);

  return useMemo<CatalogMetaApi>(() => {
    const options = (name: EnumName): Option[] => meta?.enums[name] ?? FALLBACK_ENUMS[name];
    const label = (name: EnumName, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') return '—';
      return options(name).find((o) => o.value === value)?.label ?? FALLBACK_ENUMS[name].find((o) => o.value === value)?.label ?? value;
    };
    const subcategories = (category: Category | null | undefined) => (category ? (meta?.subcategories[category] ?? []) : []);
    return {
      meta,
      error,
      loading: meta === null && error === null,
      options,
      label,
      subcategories,
      subcategoryLabel: (category, value) => {
        if (!value) return '—';
        return subcategories(category).find((o) => o.value === value)?.label ?? value;
      },
      formatTypes: (formatClass) => (formatClass ? (meta?.formatTypes[formatClass] ?? []) : []),
      checkLabel: (code) => meta?.checkCodes.find((c) => c.value === code)?.label ?? code,
    };
  }, [meta, error]);
}
