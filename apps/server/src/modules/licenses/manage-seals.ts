import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sm2GenerateKeyPair, sm2PublicKeyToSpki } from '@shuzheng/standards/crypto';
import { makeSeal, SEAL_TYPES } from '@shuzheng/standards/seal';
import type { RequestContext } from '../../kernel/context.ts';
import { inTransaction } from '../../kernel/db.ts';
import { isUniqueViolation } from '../../kernel/errors.ts';
import { LicensesErrors } from './licenses.errors.ts';
import { createLicensesRepository, type PlatformKeyRow, type PublicSealRow, type SealRow } from './licenses.repository.ts';
import { departmentCache, nowOf, wholeSecond, type LicensesDeps } from './licenses-core.ts';
import { SEAL_PICTURE, sealSvg } from './seal-image.ts';
import { openPrivateKey, sealPrivateKey } from './seal-keys.ts';

// 电子印章. Each issuing department signs with its own SM2 key; the key pair is generated here, the private half is
// encrypted at once (seal-keys.ts) and never leaves this module — no view below carries it. The seal (SESeal,
// GB/T 38540 v4, DER) lists the department's key as its only signer certificate and is signed by the platform's
// seal-making key (制章者). With no CA yet, the certificates are bare SubjectPublicKeyInfo (see the header of
// packages/standards/src/seal.ts): trust in a seal is trust in the maker key, which verifiers configure.

/** 厂商标识 written into every seal header. */
export const SEAL_VENDOR_ID = 'SHUZHENG';
export const DEFAULT_SEAL_YEARS = 5;

export type PlatformKeyPurpose = PlatformKeyRow['purpose'];

export interface SealView {
  id: string;
  departmentId: string;
  departmentName: string;
  esId: string;
  name: string;
  sealType: number;
  publicKey: string;
  makerPublicKey: string;
  pictureType: string;
  validStart: string;
  validEnd: string;
  status: 'active' | 'retired';
  createdAt: string;
  retiredAt: string | null;
}

/** A seal ready to sign with: the seal, its decrypted private key (in memory only, for one transaction). */
export interface SigningSeal {
  row: SealRow;
  privateKey: string;
}

/** The platform's key pairs and the departments' seals. */
export function createSeals(deps: LicensesDeps) {
  const repo = () => createLicensesRepository(deps.db);

  /**
   * The platform key pair for a purpose, created (and audited) on first use in the caller's transaction. Two first
   * uses at once both insert; the second insert does nothing and both read the first key.
   */
  async function platformKeyPair(trx: Kysely<unknown>, ctx: RequestContext, purpose: PlatformKeyPurpose): Promise<{ publicKey: string; privateKey: string }> {
    const r = createLicensesRepository(trx);
    let row = await r.platformKey(purpose);
    if (!row) {
      const pair = sm2GenerateKeyPair();
      const sealed = sealPrivateKey(deps.masterKey, pair.privateKey);
      await r.insertPlatformKey({ purpose, public_key: pair.publicKey, private_key_enc: sealed.ciphertext, master_key_id: sealed.masterKeyId });
      row = (await r.platformKey(purpose))!;
      if (row.public_key === pair.publicKey) {
        await deps.audit.record(trx, ctx, { action: 'licenses.platform-key.create', targetType: 'license-platform-key', targetId: purpose, details: { purpose, publicKey: pair.publicKey } });
      }
    }
    return { publicKey: row.public_key, privateKey: openPrivateKey(deps.masterKey, { ciphertext: row.private_key_enc, masterKeyId: row.master_key_id }, row.public_key) };
  }

  /** The platform's public key for a purpose, or null before its first use (reading never creates a key). */
  async function platformPublicKey(purpose: PlatformKeyPurpose): Promise<string | null> {
    return (await repo().platformKey(purpose))?.public_key ?? null;
  }

  async function views(rows: PublicSealRow[]): Promise<SealView[]> {
    const department = departmentCache(deps);
    return Promise.all(
      rows.map(async (s) => ({
        id: s.id,
        departmentId: s.department_id,
        departmentName: (await department(s.department_id))?.name ?? '',
        esId: s.es_id,
        name: s.name,
        sealType: s.seal_type,
        publicKey: s.public_key,
        makerPublicKey: s.maker_public_key,
        pictureType: s.picture_type,
        validStart: s.valid_start.toISOString(),
        validEnd: s.valid_end.toISOString(),
        status: s.status,
        createdAt: s.created_at.toISOString(),
        retiredAt: s.retired_at?.toISOString() ?? null,
      })),
    );
  }

  async function getRow(id: string): Promise<PublicSealRow> {
    const row = await repo().sealById(id);
    if (!row) throw LicensesErrors.sealNotFound(id);
    return row;
  }

  return {
    platformKeyPair,
    platformPublicKey,

    async list(filter: { departmentId?: string | undefined; status?: 'active' | 'retired' | undefined }) {
      return { items: await views(await repo().listSeals(filter)) };
    },

    /** One seal with its SESeal (DER, base64) — public data: the maker's signature and public keys only. */
    async get(id: string) {
      const row = await getRow(id);
      return { ...(await views([row]))[0]!, sealDer: row.seal_der.toString('base64') };
    },

    async picture(id: string): Promise<{ contentType: string; body: Buffer }> {
      const row = await getRow(id);
      return { contentType: row.picture_type === SEAL_PICTURE.type ? SEAL_PICTURE.contentType : 'application/octet-stream', body: row.picture };
    },

    /**
     * Makes a new seal for a department and makes it the active one (key rotation). The previous seal is retired,
     * not deleted: licenses signed with it embed it and still verify.
     */
    async create(ctx: RequestContext, input: { departmentId: string; validYears?: number | undefined }): Promise<SealView> {
      const department = await departmentCache(deps)(input.departmentId);
      if (!department) throw LicensesErrors.sealInvalid([{ path: 'body.departmentId', message: '部门不存在' }]);
      const id = randomUUID();
      await inTransaction(deps.db, async (trx) => {
        const r = createLicensesRepository(trx);
        const current = await r.activeSealForUpdate(department.id);
        const maker = await platformKeyPair(trx, ctx, 'seal-maker');
        const pair = sm2GenerateKeyPair();
        const sealed = sealPrivateKey(deps.masterKey, pair.privateKey);
        const now = wholeSecond(nowOf(deps));
        const validEnd = new Date(now);
        validEnd.setUTCFullYear(validEnd.getUTCFullYear() + (input.validYears ?? DEFAULT_SEAL_YEARS));
        // 电子印章标识: the department's credit code and a 4-digit number of its seals (printable ASCII, unique).
        const esId = `${department.creditCode}${String((await r.sealCount(department.id)) + 1).padStart(4, '0')}`;
        const name = `${department.name}电子证照专用章`;
        const picture = Buffer.from(sealSvg(department.name), 'utf8');
        const sealDer = makeSeal({
          esID: esId, vid: SEAL_VENDOR_ID, type: SEAL_TYPES.unit, name, certs: [sm2PublicKeyToSpki(pair.publicKey)],
          createDate: now, validStart: now, validEnd, picture: { type: SEAL_PICTURE.type, data: picture, width: SEAL_PICTURE.width, height: SEAL_PICTURE.height },
          makerKey: maker.privateKey,
        });
        if (current) await r.retireSeal(current.id);
        await r
          .insertSeal({
            id, department_id: department.id, es_id: esId, name, seal_type: SEAL_TYPES.unit, public_key: pair.publicKey, private_key_enc: sealed.ciphertext,
            master_key_id: sealed.masterKeyId, maker_public_key: maker.publicKey, seal_der: Buffer.from(sealDer), picture_type: SEAL_PICTURE.type, picture,
            valid_start: now, valid_end: validEnd, status: 'active', created_by: ctx.actor?.userId ?? null, retired_at: null,
          })
          .catch((err) => {
            if (isUniqueViolation(err)) throw LicensesErrors.sealRace();
            throw err;
          });
        await deps.audit.record(trx, ctx, {
          action: 'licenses.seal.create', targetType: 'license-seal', targetId: id,
          details: { departmentId: department.id, esId, publicKey: pair.publicKey, validEnd: validEnd.toISOString(), replaced: current ? { id: current.id, esId: current.es_id } : null },
        });
      });
      return (await views([await getRow(id)]))[0]!;
    },

    /** The department's active seal with its private key, for signing inside `trx`; 409 when none is usable. */
    async signingSeal(trx: Kysely<unknown>, department: { id: string; name: string }, at: Date): Promise<SigningSeal> {
      const r = createLicensesRepository(trx);
      // A rotation that commits while this statement waits for its lock retires the row it found; a second statement
      // sees the new active seal.
      const row = (await r.activeSealForSigning(department.id)) ?? (await r.activeSealForSigning(department.id));
      if (!row) throw LicensesErrors.noActiveSeal(department.name);
      if (at < row.valid_start) throw LicensesErrors.sealNotValid(department.name, '印章尚未生效');
      if (at > row.valid_end) throw LicensesErrors.sealNotValid(department.name, `印章已于 ${row.valid_end.toISOString().slice(0, 10)} 到期`);
      return { row, privateKey: openPrivateKey(deps.masterKey, { ciphertext: row.private_key_enc, masterKeyId: row.master_key_id }, row.public_key) };
    },
  };
}

export type Seals = ReturnType<typeof createSeals>;
