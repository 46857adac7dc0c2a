import { randomUUID } from 'node:crypto';
import { sm2PublicKeyToSpki } from '@shuzheng/standards/crypto';
import { sm2PublicKeyFromCert } from '@shuzheng/standards/seal';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation } from '../../kernel/errors.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type TrustedIssuerRow } from './licenses.repository.ts';
import type { LicensesDeps } from './licenses-core.ts';

// 互认: seal makers of other platforms (another city's or the province's) whose seals this platform accepts when
// it verifies their licenses. A verifier checks the seal maker's signature on the seal embedded in a signature, so
// what is trusted is the maker's SM2 public key; the bureau registers it with a name (who it is) and can disable it.

export interface TrustedIssuerInput {
  name: string;
  divisionCode?: string | null | undefined;
  /** The maker's SM2 public key: 130 hex digits (04 ‖ x ‖ y), a PEM public key, or base64 DER (SPKI or X.509). */
  publicKey: string;
  note?: string | null | undefined;
}

/** Reads a maker key in any of the accepted notations; the uncompressed hex form, or null. */
export function parseMakerKey(input: string): string | null {
  const text = input.trim();
  try {
    if (/^04[0-9a-fA-F]{128}$/.test(text)) {
      sm2PublicKeyToSpki(text); // proves the point is on the curve
      return text.toLowerCase();
    }
    const base64 = text.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
    return sm2PublicKeyFromCert(new Uint8Array(Buffer.from(base64, 'base64')));
  } catch {
    return null;
  }
}

const view = (r: TrustedIssuerRow) => ({
  id: r.id, name: r.name, divisionCode: r.division_code, publicKey: r.public_key, note: r.note, enabled: r.enabled,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

export type TrustedIssuerView = ReturnType<typeof view>;

/** The registry of trusted seal makers of other platforms, managed by the bureau. */
export function createTrustRegistry(deps: LicensesDeps, ownMakerKey: () => Promise<string | null>) {
  const repo = () => createLicensesRepository(deps.db);

  async function get(id: string) {
    const row = await repo().trustedIssuerById(id);
    if (!row) throw LicensesErrors.trustedIssuerNotFound(id);
    return view(row);
  }

  return {
    get,
    async list() {
      return { items: (await repo().trustedIssuers()).map(view) };
    },

    /** Seal makers a verification accepts: this platform's own, then the enabled trusted issuers, with their names. */
    async makers(): Promise<Map<string, { name: string; own: boolean }>> {
      const out = new Map<string, { name: string; own: boolean }>();
      const own = await ownMakerKey();
      if (own) out.set(own, { name: '本平台', own: true });
      for (const t of await repo().trustedIssuers(true)) if (!out.has(t.public_key)) out.set(t.public_key, { name: t.name, own: false });
      return out;
    },

    async create(ctx: RequestContext, input: TrustedIssuerInput) {
      const publicKey = parseMakerKey(input.publicKey);
      if (!publicKey) throw LicensesErrors.trustedIssuerInvalid([{ path: 'body.publicKey', message: '制章者公钥无法识别：应为 04 开头的 130 位十六进制 SM2 公钥、PEM 公钥或 base64 编码的证书' }]);
      if (publicKey === (await ownMakerKey())) throw LicensesErrors.trustedIssuerInvalid([{ path: 'body.publicKey', message: '这是本平台自己的制章者公钥，无须登记' }]);
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        const r = createLicensesRepository(trx);
        if (await r.trustedIssuerByKey(publicKey)) throw LicensesErrors.trustedIssuerTaken();
        await r
          .insertTrustedIssuer({ id, name: input.name.trim(), division_code: input.divisionCode ?? null, public_key: publicKey, note: input.note ?? null, enabled: true, created_by: ctx.actor?.userId ?? null })
          .catch((err) => {
            if (isUniqueViolation(err)) throw LicensesErrors.trustedIssuerTaken();
            throw err;
          });
        await deps.audit.record(trx, ctx, { action: 'licenses.trusted-issuer.create', targetType: 'license-trusted-issuer', targetId: id, details: { name: input.name, publicKey } });
      });
      return get(id);
    },

    async update(ctx: RequestContext, id: string, patch: { name?: string | undefined; divisionCode?: string | null | undefined; note?: string | null | undefined; enabled?: boolean | undefined }) {
      await inTransaction(deps.db, async (trx) => {
        const r = createLicensesRepository(trx);
        const row = await r.trustedIssuerById(id);
        if (!row) throw LicensesErrors.trustedIssuerNotFound(id);
        await r.updateTrustedIssuer(id, {
          ...(patch.name !== undefined && { name: patch.name.trim() }),
          ...(patch.divisionCode !== undefined && { division_code: patch.divisionCode }),
          ...(patch.note !== undefined && { note: patch.note }),
          ...(patch.enabled !== undefined && { enabled: patch.enabled }),
        });
        await deps.audit.record(trx, ctx, { action: 'licenses.trusted-issuer.update', targetType: 'license-trusted-issuer', targetId: id, details: { before: { name: row.name, enabled: row.enabled }, patch } });
      });
      return get(id);
    },
  };
}

export type TrustRegistry = ReturnType<typeof createTrustRegistry>;
