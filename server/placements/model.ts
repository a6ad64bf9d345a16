import mongoose, { Schema } from 'mongoose';
import { PLACEMENT_STATES } from './states.js';

const PlacementSchema = new Schema(
  {
    candidateId: { type: Schema.Types.ObjectId, required: true },
    vacancyId: { type: Schema.Types.ObjectId, required: true },
    employerId: { type: Schema.Types.ObjectId, required: true },
    /** The person's Bapas and facility when the placement began (for scoping and reports). */
    bapasId: { type: Schema.Types.ObjectId },
    facilityId: { type: Schema.Types.ObjectId },
    origin: { type: String, enum: ['officer', 'employer', 'candidate'], required: true },
    state: { type: String, enum: PLACEMENT_STATES, required: true },
    active: { type: Boolean, required: true },
    timeline: [
      {
        _id: false,
        at: { type: Date, required: true },
        by: { type: Schema.Types.ObjectId, required: true },
        role: { type: String, required: true },
        from: { type: String },
        to: { type: String, required: true },
        note: { type: String },
        reason: { type: String },
        internal: { type: Boolean },
      },
    ],
    introducedAt: { type: Date },
    hiredAt: { type: Date },
    closedAt: { type: Date },
    closedReason: { type: String },
    employerFeedback: { type: String },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, collection: 'placements' },
);
// One live placement per person and vacancy; closed ones stay as history.
PlacementSchema.index(
  { candidateId: 1, vacancyId: 1 },
  { unique: true, partialFilterExpression: { active: true } },
);
PlacementSchema.index({ bapasId: 1, state: 1 });
PlacementSchema.index({ employerId: 1, state: 1 });
PlacementSchema.index({ vacancyId: 1 });
PlacementSchema.index({ candidateId: 1 });
PlacementSchema.index({ createdAt: 1 });
PlacementSchema.index({ hiredAt: 1 });

export const PlacementModel = mongoose.model('Placement', PlacementSchema);
