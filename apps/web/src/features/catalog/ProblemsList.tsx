import { Alert, Empty, Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { formatDateTime } from '../../ui/format';
import { pathLabel } from './fields';
import type { ChecksResult, Problem } from './types';
import { useCatalogMeta } from './useCatalogMeta';

/** Problems are sent in `details.problems` of CATALOG_CHECKS_FAILED; this reads them safely. */
export function problemsOf(details: Record<string, unknown>): Problem[] {
  const raw = details.problems;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (p): p is Problem =>
      typeof p === 'object' && p !== null && typeof (p as Problem).message === 'string' && typeof (p as Problem).path === 'string',
  ).map((p) => ({ ...p, severity: p.severity === 'warning' ? 'warning' : 'error' }));
}

/** The machine-check problems, errors first; each names its field and can jump to it. */
export function ProblemsList({ problems, items, onPick, compact }: {
  problems: readonly Problem[];
  items?: readonly { name: string }[];
  /** Called with the problem's path (e.g. to open the field in the form). */
  onPick?: (path: string) => void;
  compact?: boolean;
}) {
  const meta = useCatalogMeta();
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  if (sorted.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现问题" />;
  }
  return (
    <div role="list">
      {sorted.map((p, i) => {
        const body = (
          <Flex gap={8} align="flex-start">
            {p.severity === 'error' ? (
              <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} aria-label="错误" />
            ) : (
              <WarningFilled style={{ color: '#faad14', marginTop: 4 }} aria-label="提示" />
            )}
            <div style={{ minWidth: 0 }}>
              <div>
                <Typography.Text strong style={{ fontSize: 13 }}>{pathLabel(p.path, items)}</Typography.Text>
                {compact ? null : (
                  <Tag style={{ marginInlineStart: 8, fontSize: 11 }} color={p.severity === 'error' ? 'red' : 'gold'}>
                    {meta.checkLabel(p.code)}
                  </Tag>
                )}
              </div>
              <div style={{ color: 'rgba(0,0,0,0.7)' }}>{p.message}</div>
            </div>
          </Flex>
        );
        return onPick ? (
          <button key={`${p.code}-${p.path}-${i}`} type="button" role="listitem" className="catalog-problem" onClick={() => onPick(p.path)} title="定位到该项">
            {body}
          </button>
        ) : (
          <div key={`${p.code}-${p.path}-${i}`} role="listitem" className="catalog-problem" style={{ cursor: 'default' }}>
            {body}
          </div>
        );
      })}
    </div>
  );
}

/** Summary line of a check run: passed or n errors / m warnings. */
export function ChecksSummary({ result }: { result: ChecksResult }) {
  return (
    <Alert
      type={result.errorCount > 0 ? 'error' : result.warningCount > 0 ? 'warning' : 'success'}
      showIcon
      icon={result.errorCount === 0 && result.warningCount === 0 ? <CheckCircleFilled /> : undefined}
      title={
        result.errorCount > 0
          ? `${result.errorCount} 个问题须修改后才能提交${result.warningCount > 0 ? `，另有 ${result.warningCount} 个提示` : ''}`
          : result.warningCount > 0
            ? `校验通过，有 ${result.warningCount} 个提示请核实`
            : '校验通过，可以提交审核'
      }
      description={<span style={{ fontSize: 12 }}>校验时间：{formatDateTime(result.checkedAt)}</span>}
    />
  );
}
