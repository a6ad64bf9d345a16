import mongoose, { Schema } from 'mongoose';
import { ROLES } from '../auth/actor.js';

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;

const UserSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true, unique: true },
    passwordHash: { type: String },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: ROLES, required: true },
    facilityId: { type: Schema.Types.ObjectId },
    employerId: { type: Schema.Types.ObjectId },
    candidateId: { type: Schema.Types.ObjectId },
    status: { type: String, enum: USER_STATUSES, default: 'active' },
    /** Bumped to revoke every token issued before (password change, disable). */
    tokenVersion: { type: Number, default: 0 },
    lastLoginAt: { type: Date },
    notificationPreferences: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true, collection: 'users' },
);
UserSchema.index({ role: 1, facilityId: 1 });
UserSchema.index({ employerId: 1 }, { sparse: true });
UserSchema.index({ candidateId: 1 }, { sparse: true });

export const UserModel = mongoose.model('User', UserSchema);
