import mongoose, { Schema } from 'mongoose';

export const NOTIFICATION_KINDS = [
  'officer_digest',
  'employer_note',
  'candidate_alert',
  'checkin_officer',
  'checkin_candidate',
] as const;
export const NOTIFICATION_STATUSES = [
  'planned',
  'sending',
  'sent',
  'failed',
  'cancelled',
  'unknown',
] as const;

/**
 * The notification ledger: one entry per (recipient, kind, person, milestone, date), enforced by a
 * unique key. An entry moves planned → sending → sent exactly once; everything sent to a person
 * goes through it.
 */
const NotificationSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    batchKey: { type: String, required: true },
    recipientType: { type: String, enum: ['user', 'employer', 'candidate'], required: true },
    recipientId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    candidateId: { type: Schema.Types.ObjectId, required: true },
    milestone: { type: String, required: true },
    /** The release (or hire) date the milestone counts from, YYYY-MM-DD. */
    refDate: { type: String, required: true },
    vacancyIds: { type: [Schema.Types.ObjectId], default: undefined },
    /**
     * The person's best vacancies when the entry was planned, best first. Sending re-checks each
     * against the current records (still open, still within every hard rule) instead of matching again.
     */
    matches: {
      type: [new Schema({ vacancyId: Schema.Types.ObjectId, score: Number }, { _id: false })],
      default: undefined,
    },
    placementId: { type: Schema.Types.ObjectId },
    status: { type: String, enum: NOTIFICATION_STATUSES, default: 'planned' },
    plannedAt: { type: Date, required: true },
    /** Not before this instant (check-ins are planned ahead). */
    dueAt: { type: Date },
    sendId: { type: String },
    claimedAt: { type: Date },
    claimedBy: { type: String },
    sentAt: { type: Date },
    messageId: { type: String },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
    cancelledReason: { type: String },
  },
  { timestamps: true, collection: 'notifications' },
);
NotificationSchema.index({ batchKey: 1, status: 1 });
NotificationSchema.index({ status: 1, plannedAt: 1 });
NotificationSchema.index({ candidateId: 1, createdAt: -1 });
NotificationSchema.index({ email: 1, createdAt: -1 });
NotificationSchema.index({ sendId: 1 }, { sparse: true });

export const NotificationModel = mongoose.model('Notification', NotificationSchema);
