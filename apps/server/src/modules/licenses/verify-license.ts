import { parseLicenseId } from '@shuzheng/standards';
import { SM2_DEFAULT_USER_ID, sm2Sign } from '@shuzheng/standards/crypto';
import { SM2_WITH_SM3_OID, verifySignature, type SignatureVerification } from '@shuzheng/standards/seal';
import { systemContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { canonicalJson, chinaDate, DOCUMENT_FORMAT, documentBytes, HOLDER_CODES, statusOf, type LicenseStatus } from './license-model.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type LicenseRow } from './licenses.repository.ts';
import { nowOf, publicFace, publicHolder, todayOf, type LicensesDeps } from './licenses-core.ts';
import type { Seals } from './manage-seals.ts';
import type { TrustRegistry } from './manage-trust.ts';

// 亮证/验证 for anyone (no login): the signature checked against the data, the seal and its department, the status,
// and only the face data the public may see. Plus the signed revocation status list for offline verifiers.

export const STATUS_LIST_FORMAT = 'shuzheng-license-status-list/1';

export interface PublicStatus {
  code: LicenseStatus['code'] | 'unknown';
  label: string;
  since: string | null;
}

export interface Verification {
  /** The license is authentic (seal signature valid, maker trusted) and in force today. */
  valid: boolean;
  /** One Chinese word or phrase for the verdict: 有效 / 签章无效 / 已吊销 … */
  verdict: string;
  identifier: string | null;
  signature: {
    valid: boolean;
    problems: { code: string; message: string }[];
    sealName: string | null;
    esId: string | null;
    signedAt: string | null;
    /** The department of the seal, when the seal is one of this platform's. */
    department: { name: string; creditCode: string } | null;
    maker: { trusted: boolean; name: string | null; publicKey: string | null };
  };
  status: PublicStatus;
  /** Whether the verified data is the data this platform holds for the identifier (null: not ours). */
  matchesRegistry: boolean | null;
  license: {
    typeCode: string;
    typeName: string;
    issuerName: string;
    issuerCode: string;
    version: number;
    issuedOn: string;
    validFrom: string;
    validUntil: string | null;
    holder: { type: string; code: string; id: string; name: string };
    face: { name: string; label: string; value: string }[];
  } | null;
  checkedAt: string;
}

const UNKNOWN_STATUS: PublicStatus = { code: 'unknown', label: '状态未知：非本平台颁发，未能查询颁发方的状态', since: null };

/** Public verification and the revocation status list. */
export function createVerification(deps: LicensesDeps, seals: Seals, trust: TrustRegistry) {
  const repo = () => createLicensesRepository(deps.db);

  async function check(der: Uint8Array, data: Uint8Array): Promise<{ v: SignatureVerification; makers: Awaited<ReturnType<TrustRegistry['makers']>> }> {
    const makers = await trust.makers();
    // trustedSealMakers is always given, even empty: a verifier that trusts nobody accepts nothing.
    const v = verifySignature(der, data, { trustedSealMakers: [...makers.keys()] });
    return { v, makers };
  }

  async function signatureSummary(v: SignatureVerification, makers: Map<string, { name: string; own: boolean }>): Promise<Verification['signature']> {
    const ours = v.esID ? await repo().sealByEsId(v.esID) : undefined;
    const department = ours && v.sealMakerPublicKey === ours.maker_public_key ? await deps.departments.get(ours.department_id).catch(() => null) : null;
    const maker = v.sealMakerPublicKey ? makers.get(v.sealMakerPublicKey) : undefined;
    return {
      valid: v.valid,
      problems: v.reasons.map((r) => ({ code: r.code, message: r.message })),
      sealName: v.sealName ?? null,
      esId: v.esID ?? null,
      signedAt: v.signedAt?.toISOString() ?? null,
      department: department ? { name: department.name, creditCode: department.creditCode } : null,
      maker: { trusted: maker !== undefined, name: maker?.name ?? null, publicKey: v.sealMakerPublicKey ?? null },
    };
  }

  async function licenseSummary(row: LicenseRow): Promise<NonNullable<Verification['license']>> {
    const type = await repo().typeById(row.type_id);
    return {
      typeCode: row.type_code, typeName: row.type_name, issuerName: row.issuer_name, issuerCode: row.issuer_code, version: row.version,
      issuedOn: row.issued_on, validFrom: row.valid_from, validUntil: row.valid_until, holder: publicHolder(row), face: publicFace(type, row.fields as Record<string, unknown>),
    };
  }

  function verdict(signatureValid: boolean, status: PublicStatus): { valid: boolean; verdict: string } {
    if (!signatureValid) return { valid: false, verdict: '签章无效' };
    if (status.code === 'unknown') return { valid: false, verdict: '签章有效，状态未知' };
    return { valid: status.code === 'valid', verdict: status.label };
  }

  /** Verifies a license this platform holds, from its row: what a scan of the QR code asks. */
  async function verifyRow(row: LicenseRow): Promise<Verification> {
    const { v, makers } = await check(row.signature, documentBytes({ ...row, fields: row.fields as Record<string, string | number> }));
    const signature = await signatureSummary(v, makers);
    const status = statusOf(row, todayOf(deps));
    return {
      ...verdict(signature.valid, status), identifier: row.identifier, signature, status, matchesRegistry: true,
      license: await licenseSummary(row), checkedAt: nowOf(deps).toISOString(),
    };
  }

  async function byIdentifier(input: string): Promise<Verification> {
    const parsed = parseLicenseId(input);
    if (!parsed.valid) throw LicensesErrors.identifierInvalid(parsed.problems);
    const row = await repo().licenseByIdentifier(parsed.id);
    if (!row) throw LicensesErrors.identifierUnknown(parsed.id);
    return verifyRow(row);
  }

  async function byDocument(input: { signature: string; data: unknown }): Promise<Verification> {
    const base64 = input.signature.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw LicensesErrors.verifyInput('signature 应为 base64 编码的电子签章数据（SES_Signature，DER）', 'body.signature');
    let data: Buffer;
    if (typeof input.data === 'string') data = Buffer.from(input.data, 'utf8');
    else if (input.data !== null && typeof input.data === 'object') {
      try {
        data = Buffer.from(canonicalJson(input.data), 'utf8');
      } catch (err) {
        throw LicensesErrors.verifyInput(`data 无法规范化：${(err as Error).message}`, 'body.data');
      }
    } else throw LicensesErrors.verifyInput('data 应为证照数据（规范化 JSON 文本或 JSON 对象）', 'body.data');

    const { v, makers } = await check(new Uint8Array(Buffer.from(base64, 'base64')), data);
    const signature = await signatureSummary(v, makers);
    const identifier = v.propertyInfo ?? null;
    const row = identifier ? await repo().licenseByIdentifier(identifier) : undefined;
    const ours = row && signature.department !== null ? row : undefined;
    if (ours) {
      const status = statusOf(ours, todayOf(deps));
      const matches = documentBytes({ ...ours, fields: ours.fields as Record<string, string | number> }).equals(data);
      return { ...verdict(signature.valid, status), identifier, signature, status, matchesRegistry: matches, license: await licenseSummary(ours), checkedAt: nowOf(deps).toISOString() };
    }
    return { ...verdict(signature.valid, UNKNOWN_STATUS), identifier, signature, status: UNKNOWN_STATUS, matchesRegistry: null, license: foreignSummary(input.data, data, signature.valid), checkedAt: nowOf(deps).toISOString() };
  }

  return {
    byIdentifier,
    /**
     * Verifies a detached signature (SES_Signature DER, base64) over data the caller holds: the canonical document as
     * text (its exact UTF-8 bytes are checked) or as a JSON object (canonicalised first). A license of this platform
     * also gets its status and public face; another platform's gets the signature and maker trust only (互认).
     */
    byDocument,

    /** POST /verify: exactly one of { identifier } or { signature, data }. */
    async any(input: { identifier?: string | undefined; signature?: string | undefined; data?: unknown }): Promise<Verification> {
      const { identifier, signature, data } = input;
      if (identifier !== undefined && signature === undefined && data === undefined) return byIdentifier(identifier);
      if (identifier === undefined && signature !== undefined && data !== undefined) return byDocument({ signature, data });
      throw LicensesErrors.verifyInput('请给出证照标识 identifier，或同时给出 signature 与 data（二者择一）');
    },

    /**
     * The revocation status list (docs/licenses-api.md §Status list): every license of this platform that is no longer
     * in force for a reason other than its dates (吊销, 注销, replaced by a newer version), signed with the platform's
     * status-list key (SM2/SM3, GM/T 0009 default user id) over the canonical JSON of `payload`.
     */
    async statusList() {
      const key = await inTransaction(deps.db, (trx) => seals.platformKeyPair(trx, systemContext('licenses-status-list'), 'status-list'));
      const bureau = (await deps.departments.list({}, { page: 1, pageSize: 1000 })).items.find((d) => d.isDataBureau);
      const rows = await repo().endedLicenses();
      const payload = {
        format: STATUS_LIST_FORMAT,
        issuer: { name: bureau?.name ?? '本平台', creditCode: bureau?.creditCode ?? null, publicKey: key.publicKey },
        generatedAt: new Date(Math.floor(nowOf(deps).getTime() / 1000) * 1000).toISOString(),
        entries: rows.map((r) => ({ identifier: r.identifier, status: r.state as Exclude<typeof r.state, 'active'>, date: r.ended_on ?? (r.superseded_at ? chinaDate(r.superseded_at) : null) })),
      };
      const value = sm2Sign(Buffer.from(canonicalJson(payload), 'utf8'), key.privateKey, { der: true });
      return { payload, signature: { algorithm: 'SM2-SM3', oid: SM2_WITH_SM3_OID, userId: SM2_DEFAULT_USER_ID, publicKey: key.publicKey, value } };
    },

    /** The public keys an offline verifier pins: seal makers accepted (ours and the trusted issuers') and the status-list key. */
    async trustAnchors() {
      const statusKey = await inTransaction(deps.db, (trx) => seals.platformKeyPair(trx, systemContext('licenses-trust-anchors'), 'status-list'));
      const makers = await trust.makers();
      return {
        sealMakers: [...makers.entries()].map(([publicKey, m]) => ({ name: m.name, own: m.own, publicKey })),
        statusListKey: statusKey.publicKey,
        userId: SM2_DEFAULT_USER_ID,
      };
    },
  };
}

/** What a verifier may show of another platform's license in our document format: type, issuer, dates, masked holder. */
function foreignSummary(input: unknown, bytes: Buffer, signatureValid: boolean): Verification['license'] {
  if (!signatureValid) return null;
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(bytes.toString('utf8'));
    } catch {
      return null;
    }
  }
  const d = doc as { format?: unknown; type?: { code?: unknown; name?: unknown }; issuer?: { code?: unknown; name?: unknown }; holder?: { type?: unknown; id?: unknown; name?: unknown }; version?: unknown; issuedOn?: unknown; validFrom?: unknown; validUntil?: unknown };
  if (d?.format !== DOCUMENT_FORMAT) return null;
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  const holderType = d.holder?.type === HOLDER_CODES.entity ? 'entity' : 'citizen';
  return {
    typeCode: str(d.type?.code), typeName: str(d.type?.name), issuerName: str(d.issuer?.name), issuerCode: str(d.issuer?.code),
    version: typeof d.version === 'number' ? d.version : 0, issuedOn: str(d.issuedOn), validFrom: str(d.validFrom), validUntil: typeof d.validUntil === 'string' ? d.validUntil : null,
    holder: publicHolder({ holder_type: holderType, holder_id: str(d.holder?.id), holder_name: str(d.holder?.name) }),
    face: [],
  };
}
