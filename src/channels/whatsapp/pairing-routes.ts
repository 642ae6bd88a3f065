/**
 * Admin-only pairing view: the current WhatsApp QR as SVG, so an operator without access to the
 * server's terminal can pair from a browser or `curl` (QRs expire after ~20 s; fetch again).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../../http/errors.js';
import type { WhatsAppAdapter } from './whatsapp-adapter.js';

/** The pairing view needs only the channel's status and its current QR. */
export type PairingSource = Pick<WhatsAppAdapter, 'status' | 'currentQr'>;

async function pairingRoutes(app: FastifyInstance, opts: { whatsapp: PairingSource }): Promise<void> {
  // Admins only, through the officers' auth plugin (declared dependency, not an import).
  const { admin } = app.officerAuth;

  app.get('/api/admin/whatsapp', { onRequest: admin }, async () => ({
    status: opts.whatsapp.status(),
    qrAvailable: opts.whatsapp.currentQr() !== null,
  }));

  app.get('/api/admin/whatsapp/qr.svg', { onRequest: admin }, async (req, reply) => {
    const qr = opts.whatsapp.currentQr();
    if (!qr) {
      throw new HttpError(404, 'no_qr', `No QR to show: WhatsApp is "${opts.whatsapp.status()}" (a QR exists only while pairing by QR).`);
    }
    app.audit({ actor: req.officer?.actor ?? 'admin', action: 'whatsapp.qr.view' });
    // qrcode is loaded only when an admin asks for the pairing QR.
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(qr, { type: 'svg', margin: 2 });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(svg);
  });
}

/** `GET /api/admin/whatsapp` and its QR, for admins (`officer-auth` must be registered first). */
export const whatsappPairingRoutes = fp(pairingRoutes, { name: 'whatsapp-pairing-routes', dependencies: ['officer-auth'], encapsulate: true });
