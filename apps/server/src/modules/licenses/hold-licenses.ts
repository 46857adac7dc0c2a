import { randomBytes, randomUUID } from 'node:crypto';
import { sm3 } from '@shuzheng/standards/crypto';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { addDays, chinaDate, isIsoDate, statusOf, type FieldDef } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type FaceTemplate, type LicenseRow } from './licenses.repository.ts';
import { departmentCache, licenseView, nowOf, todayOf, type LicensesDeps } from './licenses-core.ts';
import { createWalletRepository, type ConsentRow, type ShareRow } from './licenses-wallet.repository.ts';
import type { LicensePdf, PdfOptions } from './license-pdf.ts';

// 我的证照 (holder wallet): a citizen or an enterprise account sees the licenses held by its person / legal entity,
// makes shareable copies (分享副本: a link with a random token, 仅供<purpose>使用, expiring within 30 days), grants and
// revokes consent to use (用证授权, enforced by fetchForCase in use-license.ts), and reads the use log of its licenses.
// Who the holder is comes from the identity module (deps.holders.holderOf); this module never reads identity tables.

export interface Holder {
  type: 'citizen' | 'entity';
  /** 公民身份号码 or 统一社会信用代码 */
  id: string;
  name: string;
}

/** The token's random part: 24 bytes = 192 bits (≥ 128), base64url. Only SM3(token) is stored. */
const TOKEN_BYTES = 24;
export const SHARE_TOKEN_PREFIX = 'szs_';
export const shareTokenHash = (token: string) => sm3(token);
const CONSENT_MAX_DAYS = 365;

export interface ShareInput {
  purpose: string;
  days: number;
}

export interface ConsentInput {
  typeCode: string;
  departmentId: string;
  purpose: string;
  serviceItem?: string | null | undefined;
  caseNumber?: string | null | undefined;
  once?: boolean | undefined;
  until: string;
}

const shareStatus = (s: ShareRow, now: Date): 'active' | 'expired' | 'revoked' => (s.revoked_at ? 'revoked' : s.expires_at <= now ? 'expired' : 'active');
const consentStatus = (c: ConsentRow, today: string): 'active' | 'expired' | 'revoked' | 'used' =>
  c.revoked_at ? 'revoked' : c.once && c.consumed_at ? 'used' : c.valid_until < today ? 'expired' : 'active';

/** The wallet use cases; `verify` shows a shared copy's verification, `renderPdf` (license-pdf.ts) makes the PDFs. */
export function createWallet(
  deps: LicensesDeps,
  verify: { byIdentifier(identifier: string): Promise<unknown> },
  renderPdf: (row: LicenseRow, opts: PdfOptions) => Promise<LicensePdf>,
) {
  const repo = () => createLicensesRepository(deps.db);
  const wallet = () => createWalletRepository(deps.db);

  /** The caller as a holder: only citizen and enterprise accounts with a registered subject (else 403). */
  async function holderOf(ctx: RequestContext): Promise<Holder> {
    const actor = ctx.actor;
    if (!actor || (actor.kind !== 'citizen' && actor.kind !== 'enterprise')) throw LicensesErrors.notHolder();
    const holder = await deps.holders.holderOf(actor.userId);
    if (!holder) throw LicensesErrors.notHolder();
    return { ...holder, id: holder.id.toUpperCase() };
  }

  /** One of the holder's licenses (any version); another holder's answers 404 as if it did not exist. */
  async function mine(holder: Holder, id: string): Promise<LicenseRow> {
    const row = await repo().licenseById(id);
    if (!row || row.holder_id !== holder.id || row.holder_type !== holder.type) throw LicensesErrors.licenseNotFound(id);
    return row;
  }

  async function card(row: LicenseRow, today: string) {
    return {
      id: row.id, identifier: row.identifier, typeCode: row.type_code, typeName: row.type_name, issuerName: row.issuer_name, version: row.version,
      holderName: row.holder_name, issuedOn: row.issued_on, validFrom: row.valid_from, validUntil: row.valid_until, status: statusOf(row, today),
    };
  }

  function shareView(s: ShareRow, now: Date, opens: { count: number; last: Date | null } | undefined) {
    return {
      id: s.id, licenseId: s.license_id, purpose: s.purpose, expiresAt: s.expires_at.toISOString(), createdAt: s.created_at.toISOString(),
      revokedAt: s.revoked_at?.toISOString() ?? null, status: shareStatus(s, now), opens: opens?.count ?? 0, lastOpenedAt: opens?.last?.toISOString() ?? null,
    };
  }

  async function consentViews(rows: ConsentRow[]) {
    const department = departmentCache(deps);
    const today = todayOf(deps);
    const types = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.type_code))) types.set(code, (await repo().typeByCode(code))?.name ?? code);
    return Promise.all(rows.map(async (c) => ({
      id: c.id, typeCode: c.type_code, typeName: types.get(c.type_code) ?? c.type_code, departmentId: c.department_id,
      departmentName: (await department(c.department_id))?.name ?? '', purpose: c.purpose, serviceItem: c.service_item, caseNumber: c.case_number,
      once: c.once, until: c.valid_until, status: consentStatus(c, today), useCount: c.use_count, createdAt: c.created_at.toISOString(),
      revokedAt: c.revoked_at?.toISOString() ?? null, consumedAt: c.consumed_at?.toISOString() ?? null,
    })));
  }

  /** A shared copy by its token: 404 (one message) when unknown, expired or revoked, so tokens cannot be probed. */
  async function openShare(ctx: RequestContext, token: string, format: 'view' | 'pdf') {
    const share = token.startsWith(SHARE_TOKEN_PREFIX) ? await wallet().shareByTokenHash(shareTokenHash(token)) : undefined;
    const now = nowOf(deps);
    if (!share || shareStatus(share, now) !== 'active') throw LicensesErrors.shareNotFound();
    const row = (await repo().licenseById(share.license_id))!;
    await inTransaction(deps.db, async (trx) => {
      const useId = randomUUID();
      await createLicensesRepository(trx).insertUse({
        id: useId, license_id: row.id, holder_id: row.holder_id, type_code: row.type_code, purpose: share.purpose, case_number: null,
        consent: JSON.stringify({ kind: 'share', shareId: share.id }), share_id: share.id, outcome: 'shared_open', actor_id: ctx.actor?.userId ?? null,
        actor_name: ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : null, department_id: ctx.actor?.departmentId ?? null,
      });
      await deps.audit.record(trx, ctx, { action: 'licenses.share.open', targetType: 'license-share', targetId: share.id, details: { useId, licenseId: row.id, format } });
    });
    return { share, row };
  }

  return {
    holderOf,

    /** 我的证照: the current versions of the holder's licenses with their status. */
    async list(ctx: RequestContext) {
      const holder = await holderOf(ctx);
      const today = todayOf(deps);
      const rows = await wallet().licensesOfHolder(holder.id);
      return { holder: { type: holder.type, id: holder.id, name: holder.name }, items: await Promise.all(rows.filter((r) => r.holder_type === holder.type).map((r) => card(r, today))) };
    },

    /** One of my licenses: all its data (the holder sees even sensitive fields), labelled, with its versions. */
    async get(ctx: RequestContext, id: string) {
      const row = await mine(await holderOf(ctx), id);
      const type = await repo().typeById(row.type_id);
      const [seal] = await repo().sealsByIds([row.seal_id]);
      const view = licenseView(row, todayOf(deps), seal ? { esId: seal.es_id, name: seal.name } : null);
      const values = row.fields as Record<string, unknown>;
      const order = (type?.face_template as FaceTemplate | undefined)?.fieldOrder ?? [];
      const defs = [...((type?.fields as FieldDef[] | undefined) ?? [])].sort((a, b) => {
        const rank = (n: string) => (order.indexOf(n) === -1 ? order.length : order.indexOf(n));
        return rank(a.name) - rank(b.name);
      });
      const labelled = defs
        .filter((f) => values[f.name] !== undefined && values[f.name] !== null)
        .map((f) => ({ name: f.name, label: f.label, value: String(values[f.name]), onFace: f.onFace, sensitivity: f.sensitivity }));
      const versions = await repo().versionsOf(row);
      return {
        ...view,
        labelledFields: labelled,
        versions: versions.map((v) => ({ id: v.id, identifier: v.identifier, version: v.version, state: v.state, origin: v.origin, issuedAt: v.issued_at.toISOString(), changeReason: v.change_reason })),
      };
    },

    /** The holder's own PDF of one license (no watermark). */
    async pdf(ctx: RequestContext, id: string, origin: string): Promise<LicensePdf> {
      const row = await mine(await holderOf(ctx), id);
      return renderPdf(row, { origin });
    },

    // ── shareable copies (分享副本) ───────────────────────────────────────────
    /** Makes a link to a watermarked copy for one purpose; the token is returned once and stored only hashed. */
    async createShare(ctx: RequestContext, id: string, input: ShareInput) {
      const holder = await holderOf(ctx);
      const purpose = input.purpose.trim();
      const problems: FieldProblem[] = [];
      if (!purpose || [...purpose].length > 50) problems.push({ path: 'body.purpose', message: '请填写用途（不超过 50 个字）' });
      if (/\p{Cc}/u.test(purpose)) problems.push({ path: 'body.purpose', message: '用途不能包含控制字符' });
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > 30) problems.push({ path: 'body.days', message: '有效天数应为 1–30 天' });
      if (problems.length) throw LicensesErrors.shareInvalid(problems);
      const row = await mine(holder, id);
      const status = statusOf(row, todayOf(deps));
      if (status.code !== 'valid') throw LicensesErrors.wrongState(status.label, '生成分享副本');
      const token = SHARE_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
      const shareId = randomUUID();
      const now = nowOf(deps);
      const expiresAt = new Date(now.getTime() + input.days * 86_400_000);
      await inTransaction(deps.db, async (trx) => {
        await createWalletRepository(trx).insertShare({
          id: shareId, license_id: row.id, holder_id: holder.id, token_hash: shareTokenHash(token), purpose, expires_at: expiresAt, created_by: ctx.actor!.userId,
          revoked_at: null, revoked_by: null,
        });
        await deps.audit.record(trx, ctx, {
          action: 'licenses.share.create', targetType: 'license-share', targetId: shareId,
          details: { licenseId: row.id, identifier: row.identifier, purpose, expiresAt: expiresAt.toISOString() },
        });
      });
      return { id: shareId, licenseId: row.id, token, url: `/portal/shared/${token}`, purpose, expiresAt: expiresAt.toISOString() };
    },

    async listShares(ctx: RequestContext, id: string) {
      const row = await mine(await holderOf(ctx), id);
      const shares = await wallet().sharesOfLicense(row.id);
      const opens = await wallet().shareOpens(shares.map((s) => s.id));
      const now = nowOf(deps);
      return { items: shares.map((s) => shareView(s, now, opens.get(s.id))) };
    },

    /** Revokes a shared copy at once (idempotent); the link answers 404 from then on. */
    async revokeShare(ctx: RequestContext, id: string, shareId: string) {
      const row = await mine(await holderOf(ctx), id);
      const share = await wallet().shareById(shareId);
      if (!share || share.license_id !== row.id) throw LicensesErrors.shareIdNotFound(shareId);
      if (share.revoked_at) return;
      await inTransaction(deps.db, async (trx) => {
        await createWalletRepository(trx).revokeShare(shareId, ctx.actor!.userId, nowOf(deps));
        await deps.audit.record(trx, ctx, { action: 'licenses.share.revoke', targetType: 'license-share', targetId: shareId, details: { licenseId: row.id, purpose: share.purpose } });
      });
    },

    /** The public view of a shared copy: the license's verification, the purpose and the expiry; every open is recorded. */
    async viewShared(ctx: RequestContext, token: string) {
      const { share, row } = await openShare(ctx, token, 'view');
      return { purpose: share.purpose, expiresAt: share.expires_at.toISOString(), watermark: `仅供${share.purpose}使用`, verification: await verify.byIdentifier(row.identifier) };
    },

    /** The watermarked PDF of a shared copy (仅供<purpose>使用, with the copy's last day). */
    async sharedPdf(ctx: RequestContext, token: string, origin: string): Promise<LicensePdf> {
      const { share, row } = await openShare(ctx, token, 'pdf');
      return renderPdf(row, { origin, purpose: share.purpose, until: chinaDate(share.expires_at) });
    },

    // ── consents (用证授权) ───────────────────────────────────────────────────
    /** What a consent can name: the license types of the holder's kind, and the departments that may fetch. */
    async consentOptions(ctx: RequestContext) {
      const holder = await holderOf(ctx);
      const { rows } = await repo().listTypes({ holderType: holder.type, status: 'active' }, 500, 0);
      const departments = await deps.departments.list({}, { page: 1, pageSize: 1000 });
      return {
        types: rows.filter((t) => !t.reference_only).map((t) => ({ code: t.code, name: t.name })),
        departments: departments.items.map((d) => ({ id: d.id, name: d.name })),
      };
    },

    /** Grants consent (standing until a date ≤ 1 year ahead, or once for a case); every problem is listed at once. */
    async createConsent(ctx: RequestContext, input: ConsentInput) {
      const holder = await holderOf(ctx);
      const today = todayOf(deps);
      const problems: FieldProblem[] = [];
      const typeCode = input.typeCode.trim().toUpperCase();
      const type = typeCode ? await repo().typeByCode(typeCode) : undefined;
      if (!type) problems.push({ path: 'body.typeCode', message: `证照类型 ${input.typeCode} 不存在` });
      else if (type.holder_type !== holder.type) problems.push({ path: 'body.typeCode', message: `“${type.name}”不是${holder.type === 'citizen' ? '个人' : '企业'}持有的证照` });
      const department = await departmentCache(deps)(input.departmentId);
      if (!department) problems.push({ path: 'body.departmentId', message: '部门不存在' });
      const purpose = input.purpose.trim();
      if (!purpose || [...purpose].length > 200) problems.push({ path: 'body.purpose', message: '请填写用途（不超过 200 个字）' });
      const max = addDays(today, CONSENT_MAX_DAYS);
      if (!isIsoDate(input.until)) problems.push({ path: 'body.until', message: '截止日期应为有效日期（YYYY-MM-DD）' });
      else if (input.until < today) problems.push({ path: 'body.until', message: '截止日期不能早于今天' });
      else if (input.until > max) problems.push({ path: 'body.until', message: `授权最长一年，截止日期不能晚于 ${max}` });
      const caseNumber = input.caseNumber?.trim() || null;
      const serviceItem = input.serviceItem?.trim() || null;
      for (const [path, value] of [['body.purpose', purpose], ['body.serviceItem', serviceItem], ['body.caseNumber', caseNumber]] as const) {
        if (value && /\p{Cc}/u.test(value)) problems.push({ path, message: '不能包含控制字符' });
      }
      if (problems.length) throw LicensesErrors.consentInvalid(problems);
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        await createWalletRepository(trx).insertConsent({
          id, holder_id: holder.id, holder_type: holder.type, type_code: typeCode, department_id: input.departmentId, purpose, service_item: serviceItem,
          case_number: caseNumber, once: input.once ?? false, valid_until: input.until, created_by: ctx.actor!.userId, revoked_at: null, revoked_by: null, consumed_at: null,
        });
        await deps.audit.record(trx, ctx, {
          action: 'licenses.consent.create', targetType: 'license-consent', targetId: id,
          details: { typeCode, departmentId: input.departmentId, purpose, caseNumber, once: input.once ?? false, until: input.until },
        });
      });
      const [view] = await consentViews([(await wallet().consentById(id))!]);
      return view!;
    },

    async listConsents(ctx: RequestContext) {
      const holder = await holderOf(ctx);
      return { items: await consentViews(await wallet().consentsOfHolder(holder.id)) };
    },

    /** Revokes a consent (idempotent); fetches that name it are refused from then on. */
    async revokeConsent(ctx: RequestContext, id: string) {
      const holder = await holderOf(ctx);
      const consent = await wallet().consentById(id);
      if (!consent || consent.holder_id !== holder.id) throw LicensesErrors.consentNotFound(id);
      if (consent.revoked_at) return;
      await inTransaction(deps.db, async (trx) => {
        await createWalletRepository(trx).revokeConsent(id, ctx.actor!.userId, nowOf(deps));
        await deps.audit.record(trx, ctx, { action: 'licenses.consent.revoke', targetType: 'license-consent', targetId: id, details: { typeCode: consent.type_code, departmentId: consent.department_id } });
      });
    },

    /** 用证记录 of all my licenses (or one): who asked, department, purpose, case, outcome, time; shared-copy opens too. */
    async uses(ctx: RequestContext, licenseId?: string | undefined) {
      const holder = await holderOf(ctx);
      const department = departmentCache(deps);
      const rows = await wallet().usesOfHolder(holder.id);
      const picked = licenseId ? rows.filter((u) => u.license_id === licenseId) : rows;
      return {
        items: await Promise.all(picked.map(async (u) => ({
          id: u.id, licenseId: u.license_id, typeCode: u.type_code, typeName: u.type_name ?? null, identifier: u.identifier ?? null, purpose: u.purpose,
          caseNumber: u.case_number, outcome: u.outcome, departmentId: u.department_id, departmentName: u.department_id ? ((await department(u.department_id))?.name ?? null) : null,
          actorName: u.actor_name, consentId: u.consent_id, shareId: u.share_id, usedAt: u.used_at.toISOString(),
        }))),
      };
    },
  };
}

export type Wallet = ReturnType<typeof createWallet>;
