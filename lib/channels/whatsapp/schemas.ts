// Input of POST /api/integrations/whatsapp/connect (docs/channels-api.md).
import { z } from 'zod';

export const connectWhatsAppSchema = z.object({
  phone_number_id: z.string().trim().regex(/^\d{5,32}$/, 'digits only (the Phone number ID from Meta)'),
  access_token: z.string().trim().min(20).max(2048),
  app_secret: z.string().trim().min(8).max(256),
  verify_token: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._~-]{8,128}$/, '8-128 letters, digits or . _ ~ -')
    .optional(),
  name: z.string().trim().min(1).max(255).optional(),
  pipeline_id: z.uuid().nullable().optional(),
});
export type ConnectWhatsAppInput = z.infer<typeof connectWhatsAppSchema>;
