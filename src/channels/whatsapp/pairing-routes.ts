/**
 * Admin-only pairing view: the current WhatsApp QR as SVG, so an operator without access to the
 * server's terminal can pair from a browser or `curl` (QRs expire after ~20 s; fetch again).
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { HttpError } from '../../http/errors.js';
import { requireOfficer } from '../../officers/auth.js';
import { audit } from '../../officers/audit.js';
import { createOfficersRepository } from '../../officers/officers-repository.js';
import type { WhatsAppAdapter } from './whatsapp-adapter.js';

export async function whatsappPairingRoutes(app: FastifyInstance, opts: { whatsapp: WhatsAppAdapter }): Promise<void> {
  const officers = createOfficersRepository(app.db, { now: () => app.clock(), adminToken: app.config.ADMIN_TOKEN });
  const admin = requireOfficer(officers, 'admin');

  app.get('/api/admin/whatsapp', { onRequest: admin }, async () => ({
    status: opts.whatsapp.status(),
    qrAvailable: opts.whatsapp.currentQr() !== null,
  }));

  app.get('/api/admin/whatsapp/qr.svg', { onRequest: admin }, async (req, reply) => {
    const qr = opts.whatsapp.currentQr();
    if (!qr) {
      throw new HttpError(404, 'no_qr', `No QR to show: WhatsApp is "${opts.whatsapp.status()}" (a QR exists only while pairing by QR).`);
    }
    audit(app.db, { actor: req.officer?.actor ?? 'admin', action: 'whatsapp.qr.view', now: app.clock() });
    const svg = await QRCode.toString(qr, { type: 'svg', margin: 2 });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(svg);
  });
}
