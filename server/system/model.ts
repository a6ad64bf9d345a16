import mongoose, { Schema } from 'mongoose';

const PingSchema = new Schema(
  {
    requestedBy: { type: Schema.Types.ObjectId, required: true },
    requestedAt: { type: Date, required: true },
    handledAt: { type: Date },
    handledBy: { type: String },
    runs: { type: Number, default: 0 },
  },
  { collection: 'diagnostic_pings' },
);
PingSchema.index({ requestedAt: 1 }, { expireAfterSeconds: 30 * 24 * 3600 });

export const PingModel = mongoose.model('DiagnosticPing', PingSchema);
