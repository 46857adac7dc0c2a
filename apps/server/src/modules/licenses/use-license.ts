import { randomUUID } from 'node:crypto';
import { verifySignature } from '@shuzheng/standards/seal';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { documentBytes, HOLDER_CODES, type FieldValues } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type LicenseRow, type UseRow } from './licenses.repository.ts';
import { canRead, todayOf, type LicensesDeps } from './licenses-core.ts';
import type { TrustRegistry } from './manage-trust.ts';

// 用证: the interface later modules (government service cases, 免证办) use to ask for a holder's license. Every fetch
// is recorded in licenses_uses — who, purpose, case number, time, outcome — so that the holder can be shown the
// record (“用证记录”) when the wallet arrives.
//
// CONSENT IS NOT ENFORCED YET. The holder's consent (given in the case flow, or standing consent for a service item)
// comes with the wallet step; until then `consent` is recorded exactly as the caller states it and only a non-empty
// purpose is required. Callers must already pass what they have, so that turning the rule on changes no signature.

export interface UseRequest {
  /** 持证主体代码: citizen ID number or unified social credit code. */
  holderId: string;
  /** 证照类型代码. */
  typeCode: string;
  /** 申请事由 (useCause), required, ≤ 200 characters. */
  purpose: string;
  /** 办件编号 of the case that needs the license. */
  caseNumber?: string | null | undefined;
  /** The holder's consent as the caller has it; recorded, not yet checked (see above). */
  consent?: { kind: 'case' | 'standing'; reference?: string | undefined; givenAt?: string | undefined } | null | undefined;
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
  consent: u.consent, outcome: u.outcome, actorName: u.actor_name, departmentId: u.department_id, usedAt: u.used_at.toISOString(),
});

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
      const candidates = await repo().validLicensesOf(holderId, typeCode, todayOf(deps));
      const makers = [...(await trust.makers()).keys()];
      let chosen: { row: LicenseRow; sealName: string | null } | null = null;
      let outcome: 'provided' | 'not_found' | 'invalid' = candidates.length ? 'invalid' : 'not_found';
      for (const row of candidates) {
        const v = verifySignature(row.signature, documentBytes({ ...row, fields: row.fields as FieldValues }), { trustedSealMakers: makers });
        if (v.valid) {
          chosen = { row, sealName: v.sealName ?? null };
          outcome = 'provided';
          break;
        }
      }
      await inTransaction(deps.db, async (trx) => {
        const id = randomUUID();
        await createLicensesRepository(trx).insertUse({
          id, license_id: chosen?.row.id ?? null, holder_id: holderId, type_code: typeCode, purpose, case_number: request.caseNumber?.trim() || null,
          consent: request.consent ? JSON.stringify(request.consent) : null, outcome, actor_id: ctx.actor?.userId ?? null,
          actor_name: ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : null, department_id: ctx.actor?.departmentId ?? null,
        });
        await deps.audit.record(trx, ctx, {
          action: 'licenses.license.use', targetType: 'license', targetId: chosen?.row.id ?? null,
          details: { useId: id, typeCode, purpose, caseNumber: request.caseNumber ?? null, outcome, consentRecorded: !!request.consent },
        });
      });
      if (!chosen) return null;
      const { row } = chosen;
      return {
        licenseId: row.id, identifier: row.identifier, typeCode: row.type_code, typeName: row.type_name, issuer: { code: row.issuer_code, name: row.issuer_name },
        holder: { type: row.holder_type, code: HOLDER_CODES[row.holder_type], id: row.holder_id, name: row.holder_name }, fields: row.fields as FieldValues,
        issuedOn: row.issued_on, validFrom: row.valid_from, validUntil: row.valid_until, sealName: chosen.sealName,
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
