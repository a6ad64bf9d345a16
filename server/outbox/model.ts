import mongoose, { Schema } from 'mongoose';

/**
 * Jobs waiting to reach the queue. Written in the same transaction as the change that causes them,
 * so a Redis outage delays side effects but never loses them.
 */
const OutboxSchema = new Schema(
  {
    jobName: { type: String, required: true },
    jobId: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    delayMs: { type: Number },
    /** Present (true) until the job is on the queue; the partial index keeps the relay's scan small. */
    pending: { type: Boolean },
    dispatchedAt: { type: Date },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'outbox' },
);
OutboxSchema.index({ pending: 1, createdAt: 1 }, { partialFilterExpression: { pending: true } });
OutboxSchema.index({ dispatchedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

export const OutboxModel = mongoose.model('Outbox', OutboxSchema);
