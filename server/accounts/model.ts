import mongoose, { Schema } from 'mongoose';

/**
 * Invitations and password resets. The secret token is created when the email is sent and only its
 * hash is stored; the mail status moves planned → sending → sent once, like the notification ledger.
 */
const AccountTokenSchema = new Schema(
  {
    kind: { type: String, enum: ['invite', 'reset'], required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    tokenHash: { type: String },
    expiresAt: { type: Date },
    usedAt: { type: Date },
    createdBy: { type: Schema.Types.ObjectId },
    mailStatus: {
      type: String,
      enum: ['planned', 'sending', 'sent', 'failed', 'unknown', 'cancelled'],
      default: 'planned',
    },
    sendId: { type: String },
    claimedAt: { type: Date },
    sentAt: { type: Date },
    lastError: { type: String },
  },
  { timestamps: true, collection: 'account_tokens' },
);
AccountTokenSchema.index(
  { tokenHash: 1 },
  { unique: true, partialFilterExpression: { tokenHash: { $type: 'string' } } },
);
AccountTokenSchema.index({ userId: 1, kind: 1 });
AccountTokenSchema.index({ createdAt: 1 }, { expireAfterSeconds: 30 * 24 * 3600 });

export const AccountTokenModel = mongoose.model('AccountToken', AccountTokenSchema);
