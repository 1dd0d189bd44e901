import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { connectWhatsApp } from '@/lib/channels/whatsapp/connect-whatsapp';
import { connectWhatsAppSchema } from '@/lib/channels/whatsapp/schemas';

// The token check calls Meta: no transaction around it (connectWhatsApp opens its own).
export const POST = workspaceRoute(
  async ({ req, caller }) => connectWhatsApp(caller.actor, await parseJson(req, connectWhatsAppSchema)),
  { permission: 'integrations.write', status: 201, transaction: false },
);
