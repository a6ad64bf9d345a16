import mongoose, { Schema } from 'mongoose';
import { SECTOR_CODES } from '../shared/sectors.js';

export const VACANCY_STATUSES = ['open', 'closed', 'filled'] as const;
export const SKILL_LEVELS = ['basic', 'intermediate', 'advanced'] as const;
export const WAGE_PERIODS = ['hour', 'day', 'week', 'month'] as const;

const VacancySchema = new Schema(
  {
    employerId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true, trim: true },
    titleKey: { type: String, required: true },
    kbji: { type: String },
    sector: { type: String, enum: SECTOR_CODES, required: true },
    description: { type: String, required: true },
    skills: [
      {
        _id: false,
        code: { type: String, required: true },
        required: { type: Boolean, required: true },
        minLevel: { type: String, enum: SKILL_LEVELS },
      },
    ],
    /** Skill codes for which the person must hold a (non-expired) certification. */
    certificationsRequired: { type: [String], default: [] },
    location: {
      province: { type: String, required: true },
      regency: { type: String, required: true },
      regencyKey: { type: String, required: true },
      lat: { type: Number },
      lng: { type: Number },
    },
    radiusKm: { type: Number, default: 50 },
    openings: { type: Number, required: true, min: 0 },
    wage: {
      type: { min: Number, max: Number, period: { type: String, enum: WAGE_PERIODS } },
      default: undefined,
    },
    startDate: { type: Date, required: true },
    closesAt: { type: Date },
    nightShift: { type: Boolean, default: false },
    status: { type: String, enum: VACANCY_STATUSES, default: 'open' },
    /** Bumped on every write; the search index records which version it holds. */
    version: { type: Number, default: 1 },
    createdBy: { type: Schema.Types.ObjectId },
    /** Natural key for idempotent CSV import: the employer's own reference for the vacancy. */
    externalRef: { type: String },
    /** Set by every write, cleared once the search index holds this version (the sync marker). */
    searchDirty: { type: Boolean },
    searchIndexedVersion: { type: Number },
  },
  { timestamps: true, collection: 'vacancies' },
);
VacancySchema.index({ status: 1, 'location.regencyKey': 1 });
// Lets version checks (findCurrentByIds) be answered from the index alone.
VacancySchema.index({ _id: 1, version: 1 });
VacancySchema.index({ 'skills.code': 1, status: 1 });
VacancySchema.index({ searchDirty: 1, updatedAt: 1 }, { partialFilterExpression: { searchDirty: true } });
VacancySchema.index({ status: 1, closesAt: 1 });
VacancySchema.index(
  { employerId: 1, externalRef: 1 },
  { unique: true, partialFilterExpression: { externalRef: { $type: 'string' } } },
);

export const VacancyModel = mongoose.model('Vacancy', VacancySchema);
