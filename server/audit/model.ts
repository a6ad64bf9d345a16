import mongoose, { Schema } from 'mongoose';

/** Who touched a person's record, when and how. Never holds the personal data itself. */
const AuditSchema = new Schema(
  {
    actorId: { type: Schema.Types.ObjectId, required: true },
    actorName: { type: String, required: true },
    role: { type: String, required: true },
    candidateId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, required: true },
    at: { type: Date, required: true },
    ip: { type: String },
    requestId: { type: String },
    detail: { type: String },
  },
  { collection: 'audit_events', versionKey: false },
);
AuditSchema.index({ candidateId: 1, at: -1 });
AuditSchema.index({ actorId: 1, at: -1 });

export const AuditModel = mongoose.model('AuditEvent', AuditSchema);
