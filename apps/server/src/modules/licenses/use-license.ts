import { randomUUID } from 'node:crypto';
import { verifySignature } from '@shuzheng/standards/seal';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { documentBytes, HOLDER_CODES, type FieldValues } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type LicenseRow, type UseRow } from './licenses.repository.ts';
import { canRead, nowOf, todayOf, type LicensesDeps } from './licenses-core.ts';
import { createWalletRepository, type ConsentRow } from './licenses-wallet.repository.ts';
import type { TrustRegistry } from './manage-trust.ts';

// 用证: the interface later modules (government service cases, 免证办) use to ask for a holder's license. Every fetch
// is recorded in licenses_uses — who, department, purpose, case number, consent, time, outcome — and shown to the
// holder in the wallet (用证记录, GET /licenses/mine/uses).
//
// Consent (用证授权) is required: a stated purpose, and either
//   - `consentId`: a consent the holder gave in the wallet (licenses_consents) for this holder, this type and the
//     caller's department, not revoked, not past its date and — for a one-off consent — not used yet (consumed by
//     the first use that hands data over) and for the same case number; or
//   - `consent: { kind: 'case', caseNumber, givenAt }`: the holder's consent taken in the case flow; the calling
//     module (cases) vouches for it: the case number must be the request's, givenAt a past instant.
// Without one the use is recorded with outcome `no_consent` and 403 LICENSES_CONSENT_REQUIRED is thrown.

export interface UseRequest {
  /** 持证主体代码: citizen ID number or unified social credit code. */
  holderId: string;
  /** 证照类型代码. */
  typeCode: string;
  /** 申请事由 (useCause), required, ≤ 200 characters. */
  purpose: string;
  /** 办件编号 of the case that needs the license. */
  caseNumber?: string | null | undefined;
  /** The holder's consent taken in the case flow (see above); recorded as given. */
  consent?: CaseConsent | null | undefined;
  /** A consent the holder gave in the wallet (standing, or one-off for this case). */
  consentId?: string | null | undefined;
}

/** Consent given by the holder inside a case (办件): the case module vouches for it. */
export interface CaseConsent {
  kind: 'case';
  caseNumber: string;
  /** ISO 8601 instant the holder consented. */
  givenAt: string;
}

/** The data a case receives: the license's full data (not the public face), verified before it is handed over. */
export interface LicenseForCase {
  licenseId: string;
  identifier: string;
  typeCode: string;
  typeName: string;
  issuer: { code: string; name: string };
  holder: { type: 'citizen' | 'entity'; code: string; id: string; name: string };
  fields: FieldValues;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  sealName: string | null;
}

const useView = (u: UseRow) => ({
  id: u.id, licenseId: u.license_id, holderId: u.holder_id, typeCode: u.type_code, purpose: u.purpose, caseNumber: u.case_number,
  consent: u.consent, consentId: u.consent_id, shareId: u.share_id, outcome: u.outcome, actorName: u.actor_name, departmentId: u.department_id, usedAt: u.used_at.toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ConsentCheck = { ok: true; consent: ConsentRow | null } | { ok: false; reason: string };

/** Whether a stored consent covers this request (holder, type, the caller's department, case, dates). */
export function consentCovers(c: ConsentRow, q: { holderId: string; typeCode: string; departmentId: string | null; caseNumber: string | null; today: string }): ConsentCheck {
  if (c.holder_id !== q.holderId) return { ok: false, reason: '授权不存在' };
  if (c.revoked_at) return { ok: false, reason: '持证人已撤销该授权' };
  if (c.valid_until < q.today) return { ok: false, reason: `授权已于 ${c.valid_until} 到期` };
  if (c.once && c.consumed_at) return { ok: false, reason: '该一次性授权已使用' };
  if (c.type_code !== q.typeCode) return { ok: false, reason: '授权不包括该证照类型' };
  if (!q.departmentId || c.department_id !== q.departmentId) return { ok: false, reason: '授权未给予本部门' };
  if (c.case_number && c.case_number !== q.caseNumber) return { ok: false, reason: '授权对应的办件编号与本次申请不符' };
  return { ok: true, consent: c };
}

/** holds / fetchForCase for other modules, and the use log. */
export function createLicenseUse(deps: LicensesDeps, trust: TrustRegistry) {
  const repo = () => createLicensesRepository(deps.db);

  return {
    /** Whether the holder has a license of the type that is in force today (a yes/no check; returns no data, not logged). */
    async holds(holderId: string, typeCode: string): Promise<boolean> {
      return (await repo().validLicensesOf(holderId.trim(), typeCode.trim().toUpperCase(), todayOf(deps))).length > 0;
    },

    /**
     * The holder's license of the type for a case: the newest one in force today whose seal signature verifies.
     * null when there is none (or none that verifies). The request is recorded either way, in one transaction with
     * its audit entry.
     */
    async fetchForCase(ctx: RequestContext, request: UseRequest): Promise<LicenseForCase | null> {
      const purpose = request.purpose?.trim() ?? '';
      if (!purpose || [...purpose].length > 200) throw LicensesErrors.purposeRequired();
      const holderId = request.holderId.trim().toUpperCase();
      const typeCode = request.typeCode.trim().toUpperCase();
      const caseNumber = request.caseNumber?.trim() || (request.consent?.kind === 'case' ? request.consent.caseNumber?.trim() : '') || null;
      const today = todayOf(deps);
      const departmentId = ctx.actor?.departmentId ?? null;
      const check = await checkConsent();
      const candidates = check.ok ? await repo().validLicensesOf(holderId, typeCode, today) : [];
      const makers = check.ok ? [...(await trust.makers()).keys()] : [];
      let chosen: { row: LicenseRow; sealName: string | null } | null = null;
      let outcome: 'provided' | 'not_found' | 'invalid' | 'no_consent' = !check.ok ? 'no_consent' : candidates.length ? 'invalid' : 'not_found';
      let refusal = check.ok ? null : check.reason;

      async function checkConsent(): Promise<ConsentCheck> {
        if (request.consentId) {
          const row = UUID.test(request.consentId) ? await createWalletRepository(deps.db).consentById(request.consentId) : undefined;
          return row ? consentCovers(row, { holderId, typeCode, departmentId, caseNumber, today }) : { ok: false, reason: '授权不存在' };
        }
        const c = request.consent;
        if (c && c.kind === 'case') {
          const given = typeof c.givenAt === 'string' ? Date.parse(c.givenAt) : NaN;
          if (!c.caseNumber?.trim() || Number.isNaN(given)) return { ok: false, reason: '办件中的授权须写明办件编号与授权时间' };
          if (request.caseNumber?.trim() && request.caseNumber.trim() !== c.caseNumber.trim()) return { ok: false, reason: '授权对应的办件编号与本次申请不符' };
          if (given > nowOf(deps).getTime() + 5 * 60_000) return { ok: false, reason: '授权时间不能晚于当前时间' };
          return { ok: true, consent: null };
        }
        return { ok: false, reason: '未提供持证人的授权' };
      }

      for (const row of candidates) {
        const v = verifySignature(row.signature, documentBytes({ ...row, fields: row.fields as FieldValues }), { trustedSealMakers: makers });
        if (v.valid) {
          chosen = { row, sealName: v.sealName ?? null };
          outcome = 'provided';
          break;
        }
      }
      const stored = check.ok ? check.consent : null;
      await inTransaction(deps.db, async (trx) => {
        const wallet = createWalletRepository(trx);
        if (stored) {
          // Checked again under a row lock: a one-off consent is consumed once, even by concurrent requests.
          const again = await wallet.consentForUpdate(stored.id);
          const recheck = again ? consentCovers(again, { holderId, typeCode, departmentId, caseNumber, today }) : { ok: false as const, reason: '授权不存在' };
          if (!recheck.ok) {
            outcome = 'no_consent';
            refusal = recheck.reason;
            chosen = null;
          } else if (outcome === 'provided') {
            await wallet.markConsentUsed(stored.id, stored.once, nowOf(deps));
          }
        }
        const id = randomUUID();
        const consentGiven = request.consentId ? { kind: 'consent', consentId: request.consentId } : (request.consent ?? null);
        await createLicensesRepository(trx).insertUse({
          id, license_id: chosen?.row.id ?? null, holder_id: holderId, type_code: typeCode, purpose, case_number: caseNumber,
          consent: consentGiven ? JSON.stringify(consentGiven) : null, consent_id: stored?.id ?? null, outcome, actor_id: ctx.actor?.userId ?? null,
          actor_name: ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : null, department_id: departmentId,
        });
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.use', targetType: 'license', targetId: chosen?.row.id ?? null,
          ...(outcome === 'no_consent' ? { result: 'denied' as const, reason: refusal } : {}),
          details: { useId: id, typeCode, purpose, caseNumber, outcome, consentId: stored?.id ?? null, consentKind: request.consentId ? 'stored' : (request.consent?.kind ?? null) },
        });
      });
      if (outcome === 'no_consent') throw LicensesErrors.consentRequired(refusal ?? '未提供持证人的授权');
      if (!chosen) return null;
      const { row } = chosen as { row: LicenseRow; sealName: string | null };
      return {
        licenseId: row.id, identifier: row.identifier, typeCode: row.type_code, typeName: row.type_name, issuer: { code: row.issuer_code, name: row.issuer_name },
        holder: { type: row.holder_type, code: HOLDER_CODES[row.holder_type], id: row.holder_id, name: row.holder_name }, fields: row.fields as FieldValues,
        issuedOn: row.issued_on, validFrom: row.valid_from, validUntil: row.valid_until, sealName: (chosen as { sealName: string | null }).sealName,
      };
    },

    /** The use log of one license, for staff who may read it. */
    async usesOf(ctx: RequestContext, licenseId: string) {
      const row = await repo().licenseById(licenseId);
      if (!row || !canRead(ctx, row)) throw LicensesErrors.licenseNotFound(licenseId);
      return { items: (await repo().usesOfLicense(licenseId)).map(useView) };
    },
  };
}
