import { buildInsertDocs } from '../infra/lean-insert.js';
import type { DbSession } from '../infra/mongo.js';
import { regionKey } from '../shared/regions.js';
import type { Sector } from '../shared/sectors.js';
import { escapeRegex, foldText } from '../shared/text.js';
import { CandidateModel, CHECKLIST_ITEMS } from './model.js';
import type { CandidateRecord, CandidateStatus, Checklist, HistoryEntry, ReleaseType } from './types.js';

type Id = { toString(): string };
// biome-ignore lint/suspicious/noExplicitAny: lean documents are mapped field by field right below.
type CandidateDoc = Record<string, any> & { _id: Id };

const str = (v: Id | undefined | null) => (v ? v.toString() : undefined);

function toChecklist(raw: Record<string, unknown> | undefined | null): Checklist | undefined {
  if (!raw) return undefined;
  const out: Checklist = {};
  for (const k of CHECKLIST_ITEMS) if (typeof raw[k] === 'boolean') out[k] = raw[k];
  return Object.keys(out).length ? out : undefined;
}

export function toCandidateRecord(d: CandidateDoc): CandidateRecord {
  return {
    id: d._id.toString(),
    publicId: d.publicId,
    registrationNumber: d.registrationNumber ?? '',
    fullName: d.fullName ?? '',
    birthDate: d.birthDate,
    gender: d.gender,
    facilityId: d.facilityId.toString(),
    bapasId: str(d.bapasId),
    officerId: str(d.officerId),
    emailOptOut: d.emailOptOut ?? undefined,
    domicile: {
      province: d.domicile?.province ?? '',
      regency: d.domicile?.regency ?? '',
      regencyKey: d.domicile?.regencyKey ?? '',
      location:
        d.domicile?.location?.lat !== undefined
          ? { lat: d.domicile.location.lat, lng: d.domicile.location.lng }
          : undefined,
    },
    release: {
      expectedDate: d.release.expectedDate,
      type: d.release.type,
      actualDate: d.release.actualDate ?? undefined,
    },
    status: d.status,
    skills: (d.skills ?? []).map((s: CandidateDoc) => ({
      code: s.code,
      level: s.level,
      evidence: s.evidence ?? undefined,
    })),
    trainings: (d.trainings ?? []).map((t: CandidateDoc) => ({
      id: t._id.toString(),
      provider: t.provider.toString(),
      providerName: t.providerName,
      programme: t.programme,
      startDate: t.startDate,
      endDate: t.endDate,
      hours: t.hours,
      result: t.result,
      skills: t.skills ?? [],
      recordedBy: str(t.recordedBy),
      recordedAt: t.recordedAt ?? undefined,
    })),
    certifications: (d.certifications ?? []).map((c: CandidateDoc) => ({
      id: c._id.toString(),
      scheme: c.scheme,
      number: c.number,
      issuer: c.issuer,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt ?? undefined,
      skills: c.skills ?? [],
      provider: str(c.provider),
      recordedBy: str(c.recordedBy),
      recordedAt: c.recordedAt ?? undefined,
    })),
    education: d.education?.level ? { level: d.education.level } : undefined,
    languages: d.languages ?? [],
    workHistory: (d.workHistory ?? []).map((w: CandidateDoc) => ({
      title: w.title,
      employer: w.employer ?? undefined,
      years: w.years,
    })),
    preferences: {
      sectors: d.preferences?.sectors ?? undefined,
      regencies: d.preferences?.regencies ?? undefined,
      willingToRelocate: d.preferences?.willingToRelocate ?? undefined,
      nightShiftOk: d.preferences?.nightShiftOk ?? undefined,
    },
    contact: { email: d.contact?.email ?? undefined, phone: d.contact?.phone ?? undefined },
    consent: {
      shareWithEmployers: d.consent?.shareWithEmployers ?? false,
      contactByEmail: d.consent?.contactByEmail ?? false,
      updatedAt: d.consent?.updatedAt ?? undefined,
    },
    offenceCategory: d.offenceCategory ?? undefined,
    restrictions: {
      allowedRegencies: d.restrictions?.allowedRegencies ?? undefined,
      curfew: d.restrictions?.curfew ?? undefined,
      excludedSectors: d.restrictions?.excludedSectors ?? undefined,
    },
    notes: d.notes ?? undefined,
    checklist: toChecklist(d.checklist),
    history: (d.history ?? []).map((h: CandidateDoc) => ({
      at: h.at,
      by: h.by?.toString() ?? '',
      role: h.role,
      field: h.field,
      from: h.from,
      to: h.to,
    })),
    version: d.version ?? 1,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    erasedAt: d.erasedAt ?? undefined,
  };
}

function toDoc(data: Partial<CandidateRecord>): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...data };
  delete doc.id;
  delete doc.version;
  delete doc.createdAt;
  delete doc.updatedAt;
  if (data.fullName !== undefined) doc.nameKey = foldText(data.fullName);
  if (data.trainings) doc.trainings = data.trainings.map(({ id, ...t }) => (id ? { _id: id, ...t } : t));
  if (data.certifications)
    doc.certifications = data.certifications.map(({ id, ...c }) => (id ? { _id: id, ...c } : c));
  return doc;
}

export interface CandidateScope {
  facilityId?: string;
  bapasId?: string;
  /** Trainer scope: trained or certified by this BLK, or held in a partner facility. */
  blkId?: string;
  partnerFacilityIds?: string[];
  candidateId?: string;
  consentedOnly?: boolean;
  statuses?: CandidateStatus[];
  /** Adults only (employer views): born on or before this day. */
  bornOnOrBefore?: Date;
}

export interface CandidateFilter extends CandidateScope {
  status?: CandidateStatus;
  releaseBefore?: Date;
  releaseAfter?: Date;
  q?: string;
  filterFacilityId?: string;
  filterBapasId?: string;
  releaseType?: ReleaseType;
  /** Work interest: the sector is among the person's preferred sectors. */
  sector?: Sector;
  /** Domicile regency (any spelling of the name). */
  regency?: string;
}

function toQuery(f: CandidateFilter): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ status: { $ne: 'erased' } }];
  if (f.facilityId) and.push({ facilityId: f.facilityId });
  if (f.bapasId) and.push({ bapasId: f.bapasId });
  if (f.blkId) {
    and.push({
      $or: [
        { 'trainings.provider': f.blkId },
        { 'certifications.provider': f.blkId },
        ...(f.partnerFacilityIds?.length ? [{ facilityId: { $in: f.partnerFacilityIds } }] : []),
      ],
    });
  }
  if (f.candidateId) and.push({ _id: f.candidateId });
  if (f.consentedOnly) and.push({ 'consent.shareWithEmployers': true });
  if (f.statuses) and.push({ status: { $in: f.statuses } });
  if (f.bornOnOrBefore) and.push({ birthDate: { $lte: f.bornOnOrBefore } });
  if (f.status) and.push({ status: f.status });
  if (f.releaseBefore) and.push({ 'release.expectedDate': { $lte: f.releaseBefore } });
  if (f.releaseAfter) and.push({ 'release.expectedDate': { $gte: f.releaseAfter } });
  if (f.filterFacilityId) and.push({ facilityId: f.filterFacilityId });
  if (f.filterBapasId) and.push({ bapasId: f.filterBapasId });
  if (f.releaseType) and.push({ 'release.type': f.releaseType });
  if (f.sector) and.push({ 'preferences.sectors': f.sector });
  if (f.regency) and.push({ 'domicile.regencyKey': regionKey(f.regency) });
  if (f.q) {
    const folded = foldText(f.q);
    and.push({ $or: [{ nameKey: { $regex: escapeRegex(folded) } }, { registrationNumber: f.q.trim() }] });
  }
  return { $and: and };
}

export const candidateRepository = {
  async create(data: Partial<CandidateRecord>, session?: DbSession): Promise<CandidateRecord> {
    const [doc] = await CandidateModel.create([{ ...toDoc(data), searchDirty: true }], { session });
    return toCandidateRecord(doc!.toObject() as CandidateDoc);
  },
  /**
   * Inserts many profiles in one round trip (bulk imports, seeds, benchmarks). All or nothing. The
   * stored documents are built straight from the schema (the same form, defaults and checks as
   * insertMany) unless a row needs mongoose's own handling.
   */
  async createMany(data: Partial<CandidateRecord>[], session?: DbSession): Promise<CandidateRecord[]> {
    const rows = data.map((d) => ({ ...toDoc(d), searchDirty: true }));
    const built = buildInsertDocs(CandidateModel, rows);
    if (built) {
      await CandidateModel.collection.insertMany(built, { session, ordered: true });
      return built.map((d) => toCandidateRecord(d as CandidateDoc));
    }
    const docs = await CandidateModel.insertMany(rows, { session, ordered: true });
    return docs.map((d) => toCandidateRecord(d.toObject() as CandidateDoc));
  },
  async findById(id: string, session?: DbSession): Promise<CandidateRecord | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await CandidateModel.findOne({ _id: id, status: { $ne: 'erased' } })
      .session(session ?? null)
      .lean<CandidateDoc>();
    return doc ? toCandidateRecord(doc) : null;
  },
  /** Profiles by id; `withoutHistory` leaves out the change history and notes (bulk reads). */
  async findByIds(ids: string[], opts: { withoutHistory?: boolean } = {}): Promise<CandidateRecord[]> {
    const docs = await CandidateModel.find(
      { _id: { $in: ids }, status: { $ne: 'erased' } },
      opts.withoutHistory ? { history: 0, notes: 0 } : {},
    ).lean<CandidateDoc[]>();
    return docs.map(toCandidateRecord);
  },
  /** Profiles by public id, for matching after retrieval from the index (reads restrictions from MongoDB). */
  async findByPublicIds(publicIds: string[]): Promise<CandidateRecord[]> {
    if (publicIds.length === 0) return [];
    const docs = await CandidateModel.find(
      { publicId: { $in: publicIds }, status: { $ne: 'erased' } },
      { history: 0, notes: 0 },
    ).lean<CandidateDoc[]>();
    return docs.map(toCandidateRecord);
  },
  /**
   * People of the given facilities whose current release date is one of `days`: expected date while
   * in custody, actual date once released. Uses the (status, release date) index.
   */
  async findAtReleaseDays(facilityIds: string[], days: Date[]): Promise<CandidateRecord[]> {
    const docs = await CandidateModel.find(
      {
        facilityId: { $in: facilityIds },
        $or: [
          { status: 'in_custody', 'release.expectedDate': { $in: days } },
          { status: 'released', 'release.actualDate': { $in: days } },
          {
            status: 'released',
            'release.actualDate': { $exists: false },
            'release.expectedDate': { $in: days },
          },
        ],
      },
      { history: 0, notes: 0 },
    ).lean<CandidateDoc[]>();
    return docs.map(toCandidateRecord);
  },
  /** Email opt-outs are not profile changes: no version bump, no re-indexing. */
  async setOptOut(id: string, kind: string, optOut: boolean): Promise<void> {
    await CandidateModel.updateOne(
      { _id: id },
      optOut ? { $addToSet: { emailOptOut: kind } } : { $pull: { emailOptOut: kind } },
    );
  },
  async findByPublicId(publicId: string): Promise<CandidateRecord | null> {
    const doc = await CandidateModel.findOne({ publicId, status: { $ne: 'erased' } }).lean<CandidateDoc>();
    return doc ? toCandidateRecord(doc) : null;
  },
  async findByRegistration(
    facilityId: string,
    registrationNumber: string,
    session?: DbSession,
  ): Promise<CandidateRecord | null> {
    const doc = await CandidateModel.findOne({ facilityId, registrationNumber, status: { $ne: 'erased' } })
      .session(session ?? null)
      .lean<CandidateDoc>();
    return doc ? toCandidateRecord(doc) : null;
  },
  /**
   * Writes the changed fields and history entries, bumping the version, only if nobody else wrote
   * since `expectedVersion` was read. Returns null on a concurrent change.
   */
  async update(
    id: string,
    expectedVersion: number,
    set: Partial<CandidateRecord>,
    history: HistoryEntry[],
    session?: DbSession,
  ): Promise<CandidateRecord | null> {
    const $set: Record<string, unknown> = { ...toDoc(set), searchDirty: true };
    const $unset: Record<string, 1> = {};
    for (const [k, v] of Object.entries($set)) {
      if (v === undefined) {
        delete $set[k];
        $unset[k] = 1;
      }
    }
    const doc = await CandidateModel.findOneAndUpdate(
      { _id: id, version: expectedVersion, status: { $ne: 'erased' } },
      {
        $set,
        ...(Object.keys($unset).length ? { $unset } : {}),
        ...(history.length ? { $push: { history: { $each: history } } } : {}),
        $inc: { version: 1 },
      },
      { returnDocument: 'after', session, runValidators: true },
    ).lean<CandidateDoc>();
    return doc ? toCandidateRecord(doc) : null;
  },
  async list(f: CandidateFilter, skip: number, limit: number, sort: 'release' | 'name' = 'release') {
    const q = toQuery(f);
    const order: Record<string, 1 | -1> =
      sort === 'name' ? { nameKey: 1, _id: 1 } : { 'release.expectedDate': 1, _id: 1 };
    const [docs, total] = await Promise.all([
      CandidateModel.find(q).sort(order).skip(skip).limit(limit).lean<CandidateDoc[]>(),
      CandidateModel.countDocuments(q),
    ]);
    return { items: docs.map(toCandidateRecord), total };
  },
  async exists(f: CandidateFilter): Promise<boolean> {
    return (await CandidateModel.exists(toQuery(f))) !== null;
  },
  /**
   * Erasure: replaces the document with an anonymous tombstone that keeps only what statistics
   * need (facility, Bapas, release type and month, skills, training and certification summaries).
   */
  async eraseToTombstone(id: string, at: Date, session?: DbSession): Promise<CandidateRecord | null> {
    const doc = await CandidateModel.findOne({ _id: id, status: { $ne: 'erased' } })
      .session(session ?? null)
      .lean<CandidateDoc>();
    if (!doc) return null;
    const before = toCandidateRecord(doc);
    const releaseMonth = new Date(
      Date.UTC(before.release.expectedDate.getUTCFullYear(), before.release.expectedDate.getUTCMonth(), 1),
    );
    await CandidateModel.replaceOne(
      { _id: id },
      {
        publicId: `erased-${id}`,
        facilityId: doc.facilityId,
        bapasId: doc.bapasId,
        release: { expectedDate: releaseMonth, type: before.release.type },
        status: 'erased',
        statusBeforeErasure: before.status,
        skills: before.skills,
        trainings: (doc.trainings ?? []).map((t: CandidateDoc) => ({
          _id: t._id,
          provider: t.provider,
          providerName: t.providerName,
          programme: t.programme,
          startDate: t.startDate,
          endDate: t.endDate,
          hours: t.hours,
          result: t.result,
          skills: t.skills,
        })),
        certifications: (doc.certifications ?? []).map((c: CandidateDoc) => ({
          _id: c._id,
          scheme: c.scheme,
          number: '-',
          issuer: c.issuer,
          issuedAt: new Date(Date.UTC(new Date(c.issuedAt).getUTCFullYear(), 0, 1)),
          skills: c.skills,
        })),
        consent: { shareWithEmployers: false, contactByEmail: false },
        history: [],
        searchDirty: true,
        pendingIndexRemoval: before.publicId,
        version: (doc.version ?? 1) + 1,
        createdAt: doc.createdAt,
        updatedAt: at,
        erasedAt: at,
      },
      { session },
    );
    return before;
  },
};
