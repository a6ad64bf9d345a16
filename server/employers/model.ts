import mongoose, { Schema } from 'mongoose';
import { SECTOR_CODES } from '../shared/sectors.js';

const EmployerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    nameKey: { type: String, required: true },
    sector: { type: String, enum: SECTOR_CODES, required: true },
    province: { type: String, required: true },
    regency: { type: String, required: true },
    regencyKey: { type: String, required: true },
    location: { type: { lat: Number, lng: Number }, default: undefined },
    contactEmail: { type: String, required: true, lowercase: true },
    fairChancePledge: { type: Boolean, default: false },
    verified: { type: Boolean, default: false },
    verifiedAt: { type: Date },
    verifiedBy: { type: Schema.Types.ObjectId },
    createdBy: { type: Schema.Types.ObjectId },
    /** Kinds of email the employer's contact address asked not to receive. */
    emailOptOut: { type: [String], default: undefined },
  },
  { timestamps: true, collection: 'employers' },
);
EmployerSchema.index({ regencyKey: 1, sector: 1 });
EmployerSchema.index({ nameKey: 1 });

export const EmployerModel = mongoose.model('Employer', EmployerSchema);
