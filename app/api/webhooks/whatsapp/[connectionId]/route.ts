import { publicRoute } from '@/lib/api/route';
import { webhookRoute } from '@/lib/api/webhook-route';
import { answerWhatsAppHandshake, storeWhatsAppDelivery } from '@/lib/channels/whatsapp/receive-webhook';
import { verifyWhatsAppSignature } from '@/lib/channels/whatsapp/verify-signature';

type P = { connectionId: string };

// Meta's verification handshake (hub.mode / hub.verify_token / hub.challenge).
export const GET = publicRoute<P>(async ({ req, params }) => answerWhatsAppHandshake(req, params.connectionId));

// Messages and statuses, signed with the app secret over the raw body.
export const POST = webhookRoute<P>(storeWhatsAppDelivery, {
  types: ['whatsapp'],
  verify: ({ rawBody, headers, secrets }) =>
    verifyWhatsAppSignature(rawBody, headers.get('x-hub-signature-256'), secrets.credentials.app_secret),
});
