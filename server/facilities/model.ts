import mongoose, { Schema } from 'mongoose';

export const FACILITY_KINDS = ['lapas', 'rutan', 'lpka', 'bapas', 'blk'] as const;

const FacilitySchema = new Schema(
  {
    code: { type: String, required: true, unique: true, uppercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    kind: { type: String, enum: FACILITY_KINDS, required: true },
    province: { type: String, required: true },
    regency: { type: String, required: true },
    regencyKey: { type: String, required: true },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    timezone: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, collection: 'facilities' },
);
FacilitySchema.index({ kind: 1, regencyKey: 1 });

export const FacilityModel = mongoose.model('Facility', FacilitySchema);
