import mongoose, { Schema } from 'mongoose';
import { EVIDENCE, LEVELS } from '../shared/levels.js';
import { SECTOR_CODES } from '../shared/sectors.js';

export const RELEASE_TYPES = ['bebas_murni', 'pb', 'cb', 'cmb', 'asimilasi'] as const;
export const CANDIDATE_STATUSES = ['in_custody', 'released', 'placed', 'withdrawn', 'erased'] as const;
export const EDUCATION_LEVELS = ['none', 'sd', 'smp', 'sma', 'smk', 'd3', 's1'] as const;
export const GENDERS = ['male', 'female'] as const;
export const TRAINING_RESULTS = ['passed', 'failed', 'ongoing'] as const;
/** The papers and accounts a person needs before starting work (officers tick them off). */
export const CHECKLIST_ITEMS = ['ktp', 'skck', 'bpjsKetenagakerjaan', 'bankAccount', 'cv'] as const;

const LatLngSchema = new Schema({ lat: Number, lng: Number }, { _id: false });

const CandidateSchema = new Schema(
  {
    /** Stable id shown to employers; never the database id. */
    publicId: { type: String, required: true, unique: true },
    registrationNumber: { type: String },
    fullName: { type: String },
    /** Folded name for look-ups by officers and staff (never indexed in search). */
    nameKey: { type: String },
    birthDate: { type: Date },
    gender: { type: String, enum: GENDERS },
    facilityId: { type: Schema.Types.ObjectId, required: true },
    bapasId: { type: Schema.Types.ObjectId },
    /** The supervising officer (PK) in the Bapas, when assigned. */
    officerId: { type: Schema.Types.ObjectId },
    /** Kinds of email the person asked not to receive (unsubscribe links). */
    emailOptOut: { type: [String], default: undefined },
    domicile: {
      province: { type: String },
      regency: { type: String },
      regencyKey: { type: String },
      location: { type: LatLngSchema, default: undefined },
    },
    release: {
      expectedDate: { type: Date, required: true },
      type: { type: String, enum: RELEASE_TYPES, required: true },
      actualDate: { type: Date },
    },
    status: { type: String, enum: CANDIDATE_STATUSES, default: 'in_custody' },
    skills: [
      {
        _id: false,
        code: { type: String, required: true },
        level: { type: String, enum: LEVELS, required: true },
        evidence: { type: String, enum: EVIDENCE },
      },
    ],
    trainings: [
      {
        provider: { type: Schema.Types.ObjectId, required: true },
        providerName: { type: String, required: true },
        programme: { type: String, required: true },
        startDate: { type: Date, required: true },
        endDate: { type: Date, required: true },
        hours: { type: Number, required: true },
        result: { type: String, enum: TRAINING_RESULTS, required: true },
        skills: [String],
        recordedBy: { type: Schema.Types.ObjectId },
        recordedAt: { type: Date },
      },
    ],
    certifications: [
      {
        scheme: { type: String, required: true },
        number: { type: String, required: true },
        issuer: { type: String, required: true },
        issuedAt: { type: Date, required: true },
        expiresAt: { type: Date },
        skills: [String],
        provider: { type: Schema.Types.ObjectId },
        recordedBy: { type: Schema.Types.ObjectId },
        recordedAt: { type: Date },
      },
    ],
    education: { level: { type: String, enum: EDUCATION_LEVELS } },
    languages: { type: [String], default: [] },
    workHistory: [{ _id: false, title: String, employer: String, years: Number }],
    preferences: {
      sectors: { type: [String], enum: SECTOR_CODES, default: undefined },
      regencies: { type: [String], default: undefined },
      willingToRelocate: { type: Boolean },
      nightShiftOk: { type: Boolean },
    },
    contact: { email: { type: String }, phone: { type: String } },
    consent: {
      shareWithEmployers: { type: Boolean, required: true },
      contactByEmail: { type: Boolean, required: true },
      updatedAt: { type: Date },
    },
    offenceCategory: { type: String },
    restrictions: {
      allowedRegencies: { type: [String], default: undefined },
      curfew: { type: Boolean },
      excludedSectors: { type: [String], default: undefined },
    },
    notes: { type: String },
    /** Work-readiness to-dos: KTP, SKCK, BPJS Ketenagakerjaan, bank account, CV (true = done). */
    checklist: {
      ktp: { type: Boolean },
      skck: { type: Boolean },
      bpjsKetenagakerjaan: { type: Boolean },
      bankAccount: { type: Boolean },
      cv: { type: Boolean },
    },
    /** Changes to release, status, placement, consent and supervision, oldest first. */
    history: [
      {
        _id: false,
        at: Date,
        by: Schema.Types.ObjectId,
        role: String,
        field: String,
        from: Schema.Types.Mixed,
        to: Schema.Types.Mixed,
      },
    ],
    /** Bumped on every write; search sync and optimistic concurrency read it. */
    version: { type: Number, default: 1 },
    createdBy: { type: Schema.Types.ObjectId },
    erasedAt: { type: Date },
    statusBeforeErasure: { type: String },
    /** Set by every write, cleared once the search index holds this version (the sync marker). */
    searchDirty: { type: Boolean },
    searchIndexedVersion: { type: Number },
    /** After erasure: the public id still to be removed from the index. */
    pendingIndexRemoval: { type: String },
  },
  { timestamps: true, collection: 'candidates' },
);
CandidateSchema.index(
  { facilityId: 1, registrationNumber: 1 },
  { unique: true, partialFilterExpression: { registrationNumber: { $type: 'string' } } },
);
CandidateSchema.index({ bapasId: 1, status: 1, 'release.expectedDate': 1 });
CandidateSchema.index({ facilityId: 1, status: 1, 'release.expectedDate': 1 });
CandidateSchema.index({ 'trainings.provider': 1 });
CandidateSchema.index({ 'certifications.provider': 1 });
CandidateSchema.index({ nameKey: 1 });
CandidateSchema.index({ status: 1, 'release.expectedDate': 1 });
CandidateSchema.index({ status: 1, 'release.actualDate': 1 });
CandidateSchema.index({ searchDirty: 1, updatedAt: 1 }, { partialFilterExpression: { searchDirty: true } });

export const CandidateModel = mongoose.model('Candidate', CandidateSchema);
