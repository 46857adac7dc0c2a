import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Flex, Modal, Select, Tabs, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import type { Page } from '../../ui/api';
import { OPERATION_LABELS, type Grant, type Operation } from '../sharing/types';
import type { Credential, SecretIssued } from './types';
import './gateway.css';

/** Copies text, also on plain-http intranet hosts where navigator.clipboard is not available. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function useCopy() {
  const { message } = App.useApp();
  return async (text: string, what: string) => {
    if (await copyText(text)) message.success(`${what}已复制`);
    else message.warning('浏览器不允许自动复制，请手动选中后复制');
  };
}

/** A code block with a copy button. */
export function CodeBlock({ code, label, testId }: { code: string; label: string; testId?: string }) {
  const copy = useCopy();
  return (
    <div className="gateway-code-wrap">
      <pre className="gateway-code" data-testid={testId} aria-label={label}>{code}</pre>
      <Button size="small" className="gateway-code-copy" icon={<CopyOutlined />} onClick={() => void copy(code, label)}>
        复制
      </Button>
    </div>
  );
}

/**
 * The secret of a create / rotate answer, shown this once. Closing asks for confirmation until the user has copied
 * it or ticked that it is saved.
 */
export function SecretModal({ issued, rotated, onClose }: { issued: SecretIssued | null; rotated: boolean; onClose: () => void }) {
  const copy = useCopy();
  const { modal } = App.useApp();
  const [saved, setSaved] = useState(false);
  if (!issued) return null;
  const close = () => {
    if (saved) {
      setSaved(false);
      onClose();
      return;
    }
    modal.confirm({
      title: '确认已保存密钥？',
      content: '关闭后密钥不会再次显示；如未保存，只能重新轮换密钥。',
      okText: '已保存，关闭',
      cancelText: '返回',
      onOk: () => {
        setSaved(false);
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={rotated ? '新密钥已生成' : '调用凭据已创建'}
      onCancel={close}
      mask={{ closable: false }}
      keyboard={false}
      width={640}
      footer={
        <Button type="primary" onClick={close} data-testid="credential-secret-close">
          我已妥善保存，关闭
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="密钥只显示这一次，关闭后不会再次显示"
        description="平台只保存密钥的哈希和加密副本，任何人（包括管理员）都无法再查看。请立即复制，交给信息系统的运维人员，保存在其配置或密钥管理系统中；不要通过聊天工具或邮件明文传送。"
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'system', label: '信息系统', children: issued.credential.systemName },
          { key: 'appKey', label: 'App Key', children: <Typography.Text className="gateway-mono" copyable={{ text: issued.appKey }} data-testid="credential-issued-app-key">{issued.appKey}</Typography.Text> },
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 8 }}>
        密钥（Secret）
      </Typography.Paragraph>
      <code className="gateway-secret" data-testid="credential-secret">{issued.secret}</code>
      <Flex gap={12} align="center" wrap style={{ marginTop: 12 }}>
        <Button
          type="primary"
          ghost
          icon={<CopyOutlined />}
          onClick={() => {
            void copy(issued.secret, '密钥');
            setSaved(true);
          }}
          data-testid="credential-secret-copy"
        >
          复制密钥
        </Button>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          我已保存密钥
        </Checkbox>
      </Flex>
      {rotated && issued.previousSecretsExpireAt ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="credential-overlap"
          title={`旧密钥在 ${formatDateTime(issued.previousSecretsExpireAt)} 之前仍然有效`}
          description="重叠期内新旧密钥都能签名调用，业务不中断：请在此之前把新密钥部署到信息系统，之后旧密钥自动失效。如怀疑旧密钥已泄露，请把重叠期设为 0 重新轮换，或直接注销凭据。"
        />
      ) : null}
    </Modal>
  );
}

// ── 如何调用 ────────────────────────────────────────────────────────────────

// The worked example of docs/gateway-api.md §2.3 (pinned by gateway-signature.test.ts on the server).
const EXAMPLE = {
  secret: 'gws_demo-secret-do-not-use',
  path: '/gateway/v1/entries/c9a14236-0e47-4b3a-a9da-e18cd15199c6/verify',
  timestamp: '1795426200',
  nonce: 'n0nce-7f3a9c21',
  body: '{"key":"441502199001011234","values":{"person_name":"张三","gender":"1"}}',
  bodySm3: 'f778f50ffc178061dd2f5c4d443fa386b3ee304cbfac20d8213f7f459cc84dc5',
  signature: '8be785485fd502d4d27d6e860a243567a943a1baaa959c6bc89b42b8de7cd872',
};

const SCHEME = [
  'stringToSign = METHOD            // GET / POST，大写',
  '             + "\\n" + PATH              // 请求路径，不含查询串',
  '             + "\\n" + CANONICAL_QUERY   // 参数解码后按 encodeURIComponent 重新编码、按名再按值排序、name=value 以 & 连接；无参数为空串',
  '             + "\\n" + X-Timestamp       // Unix 秒（10 位），与服务器相差不超过 300 秒',
  '             + "\\n" + X-Nonce           // 8–64 位 [A-Za-z0-9_-]，窗口期内不得重复',
  '             + "\\n" + hex(SM3(body))    // 请求体原始字节的 SM3；GET 为 SM3("")',
  '',
  'X-Signature  = hex(HMAC-SM3(secret, stringToSign))   // 小写十六进制',
].join('\n');

const WORKED = [
  `密钥        ${EXAMPLE.secret}`,
  `请求        POST ${EXAMPLE.path}`,
  `X-Timestamp ${EXAMPLE.timestamp}`,
  `X-Nonce     ${EXAMPLE.nonce}`,
  `请求体      ${EXAMPLE.body}`,
  '',
  `SM3(body)    = ${EXAMPLE.bodySm3}`,
  'stringToSign = "POST\\n' + EXAMPLE.path + '\\n\\n' + EXAMPLE.timestamp + '\\n' + EXAMPLE.nonce + '\\n' + EXAMPLE.bodySm3 + '"',
  `X-Signature  = ${EXAMPLE.signature}`,
  '',
  'GET …/records?limit=50&cursor=abc（X-Nonce n0nce-7f3a9c22）的 CANONICAL_QUERY 为 cursor=abc&limit=50',
].join('\n');

interface CallShape {
  method: 'GET' | 'POST';
  path: string;
  query: string;
  body: string | null;
}

function callFor(op: Operation, entryId: string, items: string[]): CallShape {
  const base = `/gateway/v1/entries/${entryId}`;
  switch (op) {
    case 'batch':
      return { method: 'POST', path: `${base}/records:batch`, query: '', body: JSON.stringify({ keys: ['<ID_NUMBER_1>', '<ID_NUMBER_2>'] }) };
    case 'verify': {
      const values = Object.fromEntries((items.length ? items.slice(0, 2) : ['<ITEM_CODE>']).map((i) => [i, '<VALUE>']));
      return { method: 'POST', path: `${base}/verify`, query: '', body: JSON.stringify({ key: '<ID_NUMBER>', values }) };
    }
    case 'read':
      return { method: 'GET', path: `${base}/records`, query: 'limit=100', body: null };
    case 'subscribe':
      return { method: 'GET', path: `${base}/changes`, query: 'limit=100', body: null };
    default:
      return { method: 'GET', path: `${base}/records/<ID_NUMBER>`, query: '', body: null };
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function curlSnippet(origin: string, appKey: string, call: CallShape, extraHeaders: [string, string][]): string {
  const lines = [
    '#!/usr/bin/env bash',
    '# 需要 OpenSSL 3（支持 SM3）。密钥从环境变量读取，不要写进脚本或代码仓库。',
    '# 把 <ID_NUMBER>（身份证号）、<CASE_NUMBER>（办件编号）、<OPERATOR_ID>（经办人工号）等占位符换成实际值。',
    `APP_KEY=${shellQuote(appKey)}`,
    'SECRET="$GATEWAY_SECRET"',
    `BASE=${shellQuote(origin)}`,
    `P=${shellQuote(call.path)}`,
    `Q=${shellQuote(call.query)}          # 规范化查询串（已排序、已编码）`,
    `BODY=${shellQuote(call.body ?? '')}`,
    'TS=$(date +%s)',
    'NONCE=$(openssl rand -hex 16)',
    'BODY_SM3=$(printf \'%s\' "$BODY" | openssl dgst -sm3 -r | cut -d\' \' -f1)',
    `SIG=$(printf '${call.method}\\n%s\\n%s\\n%s\\n%s\\n%s' "$P" "$Q" "$TS" "$NONCE" "$BODY_SM3" | openssl dgst -sm3 -hmac "$SECRET" -r | cut -d' ' -f1)`,
    '',
    `curl -sS -X ${call.method} "$BASE$P\${Q:+?$Q}" \\`,
    '  -H "X-App-Key: $APP_KEY" -H "X-Timestamp: $TS" -H "X-Nonce: $NONCE" -H "X-Signature: $SIG" \\',
    ...extraHeaders.map(([h, v]) => `  -H ${shellQuote(`${h}: ${v}`)} \\`),
    ...(call.body !== null ? ['  -H \'content-type: application/json\' --data-binary "$BODY"'] : ['  ']),
  ];
  return lines.join('\n').replace(/ \\\n {2}$/, '');
}

function nodeSnippet(origin: string, appKey: string, call: CallShape, extraHeaders: [string, string][]): string {
  const query = call.query ? Object.fromEntries(call.query.split('&').map((p) => p.split('='))) : {};
  return [
    '// Node.js 18+（OpenSSL 3，支持 SM3）。运行：GATEWAY_SECRET=… node call-gateway.mjs',
    '// 把 <ID_NUMBER>（身份证号）、<CASE_NUMBER>（办件编号）、<OPERATOR_ID>（经办人工号）等占位符换成实际值。',
    "import { createHash, createHmac, randomBytes } from 'node:crypto';",
    '',
    `const BASE = ${JSON.stringify(origin)};`,
    `const APP_KEY = ${JSON.stringify(appKey)};`,
    'const SECRET = process.env.GATEWAY_SECRET; // 密钥不要写进代码',
    '',
    'async function callGateway(method, path, query = {}, body) {',
    "  const raw = body === undefined ? '' : JSON.stringify(body);",
    '  const canonical = Object.entries(query)',
    '    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(String(v))])',
    '    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))',
    "    .map(([k, v]) => k + '=' + v).join('&');",
    '  const ts = String(Math.floor(Date.now() / 1000));',
    "  const nonce = randomBytes(16).toString('hex');",
    "  const bodySm3 = createHash('sm3').update(raw).digest('hex');",
    "  const stringToSign = [method, path, canonical, ts, nonce, bodySm3].join('\\n');",
    "  const signature = createHmac('sm3', SECRET).update(stringToSign).digest('hex');",
    "  const res = await fetch(BASE + path + (canonical ? '?' + canonical : ''), {",
    '    method,',
    '    headers: {',
    "      'X-App-Key': APP_KEY, 'X-Timestamp': ts, 'X-Nonce': nonce, 'X-Signature': signature,",
    ...extraHeaders.map(([h, v]) => `      ${JSON.stringify(h)}: ${JSON.stringify(v)},`),
    "      ...(raw ? { 'content-type': 'application/json' } : {}),",
    '    },',
    '    body: raw || undefined,',
    '  });',
    "  if (!res.ok) throw new Error(res.status + ' ' + (await res.text()));",
    '  return res.json();',
    '}',
    '',
    `console.log(await callGateway(${JSON.stringify(call.method)}, ${JSON.stringify(call.path)}, ${JSON.stringify(query)}${call.body !== null ? `, ${call.body}` : ''}));`,
  ].join('\n');
}

/**
 * 如何调用: the signature scheme with the worked example of the API doc, and copy-paste snippets for one credential
 * (its app key and one of its system's active grants; never the secret).
 */
export function HowToCall({ credentials, selectedId, onSelect }: { credentials: Credential[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const active = credentials.filter((c) => c.status === 'active');
  const credential = active.find((c) => c.id === selectedId) ?? active[0];
  const grants = useApiQuery<Page<Grant>>(credential ? '/sharing/grants' : null, { role: 'consumer', status: 'active', page: 1, pageSize: 100 });
  const systemGrants = useMemo(() => (grants.data?.items ?? []).filter((g) => g.consumerSystemId === credential?.systemId), [grants.data, credential]);
  const [grantId, setGrantId] = useState<string | null>(null);
  const grant = systemGrants.find((g) => g.id === grantId) ?? systemGrants[0];
  const [op, setOp] = useState<Operation | null>(null);
  const operation: Operation = op && (!grant || grant.operations.includes(op)) ? op : (grant?.operations[0] ?? 'query');
  const origin = window.location.origin;

  const headers: [string, string][] = grant
    ? [
        ...(grant.requireCaseNumber ? [['X-Case-Number', '<CASE_NUMBER>'] as [string, string]] : []),
        ...(grant.requireOperatorId ? [['X-Operator-Id', '<OPERATOR_ID>'] as [string, string]] : []),
      ]
    : [['X-Case-Number', '<CASE_NUMBER>'], ['X-Operator-Id', '<OPERATOR_ID>']];
  const call = callFor(operation, grant?.entryId ?? '<ENTRY_ID>', grant?.items ?? []);
  const appKey = credential?.appKey ?? 'gwk_…';

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          信息系统以 <Typography.Text code>/gateway/v1/…</Typography.Text> 调用共享数据，每个请求带 4 个请求头：
          <Typography.Text code>X-App-Key</Typography.Text>、<Typography.Text code>X-Timestamp</Typography.Text>、
          <Typography.Text code>X-Nonce</Typography.Text>、<Typography.Text code>X-Signature</Typography.Text>。
          授权可能要求带 <Typography.Text code>X-Case-Number</Typography.Text>（办件编号）和 <Typography.Text code>X-Operator-Id</Typography.Text>（经办人），二者记入调用日志，供数据主体和审计查询。
          也可用 OAuth2 客户端凭据（<Typography.Text code>POST /gateway/oauth/token</Typography.Text>）换取 Bearer 令牌，但没有请求体完整性和防重放保护，优先使用签名。
        </Typography.Paragraph>
        <CodeBlock code={SCHEME} label="签名算法" />
      </div>
      <div>
        <Typography.Text strong>算例</Typography.Text>
        <span className="gateway-muted">（用于核对自己的实现，与服务端测试一致）</span>
        <div style={{ marginTop: 8 }}>
          <CodeBlock code={WORKED} label="签名算例" />
        </div>
      </div>
      <div>
        <Typography.Text strong>调用示例</Typography.Text>
        <Flex gap={12} wrap align="center" style={{ margin: '8px 0 12px' }}>
          <Select
            style={{ minWidth: 260 }}
            placeholder="选择调用凭据"
            value={credential?.id}
            onChange={(v: string) => { onSelect(v); setGrantId(null); setOp(null); }}
            options={active.map((c) => ({ value: c.id, label: `${c.systemName} · ${c.appKey}` }))}
            aria-label="调用凭据"
            notFoundContent="没有有效的调用凭据"
          />
          <Select
            style={{ minWidth: 260 }}
            placeholder={grants.loading ? '加载授权…' : '该系统暂无有效授权'}
            value={grant?.id}
            onChange={(v: string) => { setGrantId(v); setOp(null); }}
            options={systemGrants.map((g) => ({ value: g.id, label: `${g.entryName}（${g.providerDepartmentName ?? ''}）` }))}
            aria-label="授权目录"
            disabled={systemGrants.length === 0}
          />
          <Select
            style={{ width: 130 }}
            value={operation}
            onChange={(v: Operation) => setOp(v)}
            options={(grant?.operations ?? (Object.keys(OPERATION_LABELS) as Operation[])).map((o) => ({ value: o, label: OPERATION_LABELS[o] ?? o }))}
            aria-label="调用方式"
          />
        </Flex>
        {!grant && !grants.loading ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={grants.error ? '无法读取本部门的共享授权，示例中的目录 ID 用占位符代替' : '该信息系统还没有有效的共享授权：先在“共享申请”中申请目录，获批后即可调用。示例中的目录 ID 用占位符代替'}
          />
        ) : null}
        <Tabs
          size="small"
          items={[
            { key: 'curl', label: 'curl（bash + OpenSSL）', children: <CodeBlock code={curlSnippet(origin, appKey, call, headers)} label="curl 示例" testId="credential-snippet-curl" /> },
            { key: 'node', label: 'Node.js', children: <CodeBlock code={nodeSnippet(origin, appKey, call, headers)} label="Node.js 示例" testId="credential-snippet-node" /> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          示例不含密钥，请在运行环境中设置 GATEWAY_SECRET。调用方 IP 须在授权允许的范围内；只返回授权的信息项，敏感项按分级脱敏；超过频率或每日配额返回 429。错误码见《共享交换网关接口说明》。
        </Typography.Paragraph>
      </div>
    </Flex>
  );
}
