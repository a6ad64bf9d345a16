import type { Express } from 'express';
import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import type { ApiBuilder } from '../http/api.js';
import { bi, objectId } from '../http/validate.js';
import { escapeHtml } from '../shared/format.js';
import { pageQuery, pageSchema } from '../shared/schemas.js';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from './model.js';
import {
  getPreferences,
  listNotifications,
  PREFERENCE_KINDS,
  resendNotification,
  runSweepNow,
  setPreferences,
  unsubscribe,
} from './service.js';

const NotificationView = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  milestone: z.string(),
  refDate: z.string(),
  candidateId: z.string(),
  recipient: z.object({ type: z.string(), id: z.string(), email: z.string() }),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  lastError: z.string().optional(),
  cancelledReason: z.string().optional(),
  plannedAt: z.string(),
  sentAt: z.string().optional(),
});

const Preferences = z.object(
  Object.fromEntries(PREFERENCE_KINDS.map((k) => [k, z.boolean().optional()])) as Record<
    (typeof PREFERENCE_KINDS)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
);

export function registerNotificationRoutes(
  api: ApiBuilder,
  deps: Pick<Deps, 'search' | 'queues' | 'config'>,
): void {
  api.route({
    method: 'post',
    path: '/admin/sweeps/release',
    summary: 'Run the release sweep now; asOf (YYYY-MM-DD) moves time outside production',
    tags: ['alerts'],
    auth: ['admin'],
    body: z.object({
      asOf: z.iso
        .date({ error: bi('tanggal harus berformat YYYY-MM-DD', 'date must be YYYY-MM-DD') })
        .optional(),
    }),
    response: z.object({
      asOf: z.record(z.string(), z.string()),
      candidates: z.number(),
      planned: z.number(),
      alreadyPlanned: z.number(),
      byKind: z.record(z.string(), z.number()),
      byMilestone: z.record(z.string(), z.number()),
      batches: z.number(),
      deliveriesDeferred: z.boolean().optional(),
    }),
    errorStatuses: [503],
    handler: ({ body, ctx }) => runSweepNow(deps, body.asOf, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/notifications',
    summary:
      'The notification ledger: queued, sent and failed messages with the error (admins; officers for their clients)',
    tags: ['alerts'],
    auth: ['admin', 'officer'],
    query: z.object({
      status: z.enum(NOTIFICATION_STATUSES).optional(),
      recipient: z.string().trim().min(3).max(254).optional().describe('email address or recipient id'),
      candidateId: objectId.optional(),
      kind: z.enum(NOTIFICATION_KINDS).optional(),
      ...pageQuery,
    }),
    response: pageSchema(NotificationView),
    handler: ({ actor, query }) => listNotifications(actor, query),
  });
  api.route({
    method: 'post',
    path: '/notifications/:id/resend',
    summary: 'Queue a failed or interrupted message again (admins)',
    tags: ['alerts'],
    auth: ['admin'],
    params: z.object({ id: objectId }),
    response: NotificationView,
    handler: ({ params, ctx }) => resendNotification(deps, params.id, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/me/notification-preferences',
    summary: 'Which kinds of email the signed-in user receives',
    tags: ['alerts'],
    auth: ROLES,
    response: Preferences,
    handler: ({ actor }) => getPreferences(actor),
  });
  api.route({
    method: 'put',
    path: '/me/notification-preferences',
    summary: 'Choose which kinds of email the signed-in user receives',
    tags: ['alerts'],
    auth: ROLES,
    body: Preferences.refine((p) => Object.keys(p).length > 0, {
      message: bi('tidak ada perubahan', 'nothing to change'),
    }),
    response: Preferences,
    handler: ({ actor, body }) => setPreferences(actor, body),
  });
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;
}

/**
 * Signed unsubscribe links. GET shows a confirmation form (link scanners must not unsubscribe
 * anyone); POST — the form, or a mail client's one-click List-Unsubscribe-Post — applies it.
 */
export function registerUnsubscribeRoutes(app: Express, deps: Pick<Deps, 'config'>): void {
  app.get('/unsubscribe', (req, res) => {
    const t = typeof req.query.t === 'string' ? req.query.t : '';
    res
      .type('html')
      .send(
        page(
          'Berhenti berlangganan',
          `<h1>Berhenti menerima email ini?</h1><p lang="en">Stop receiving this kind of email?</p><form method="post" action="/unsubscribe?t=${encodeURIComponent(t)}"><button type="submit">Ya, berhenti / Yes, stop</button></form>`,
        ),
      );
  });
  app.post('/unsubscribe', async (req, res, next) => {
    try {
      const t = typeof req.query.t === 'string' ? req.query.t : '';
      const done = await unsubscribe(t, deps.config.JWT_SECRET);
      if (!done) {
        res
          .status(400)
          .type('html')
          .send(
            page('Tautan tidak valid', '<h1>Tautan tidak valid</h1><p lang="en">This link is not valid.</p>'),
          );
        return;
      }
      res
        .type('html')
        .send(
          page(
            'Berhasil berhenti berlangganan',
            '<h1>Anda tidak akan menerima email jenis ini lagi.</h1><p lang="en">You will not receive this kind of email again.</p><p>Ubah pilihan kapan saja di pengaturan akun. / Change this any time in your account settings.</p>',
          ),
        );
    } catch (err) {
      next(err);
    }
  });
}
