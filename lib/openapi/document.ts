import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registry } from './registry';
import './routes/foundation';
import './routes/agents';
import './routes/kb';
import './routes/kb-quality';
import './routes/sessions';
import './routes/jobs';
import './routes/crm-clients';
import './routes/crm-setup';
import './routes/crm-activity';
import './routes/crm-conversations';
import './routes/crm-agents';
import './routes/chat';
import './routes/runtime-ops';
import './routes/ai';
import './routes/whatsapp-owner';
import './routes/integrations';
import './routes/suggestions';
import './routes/channels-core';
import './routes/widget';
import './routes/events-stream';
import './routes/chains';
import { VERSION } from '@/lib/health/readiness';

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' });
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'AI Sales Agents API',
      version: VERSION,
      description:
        'REST API of the AI sales-agent platform. Authenticate with `Authorization: Bearer <access token>` from /api/auth/login; pick a workspace with `X-Tenant-ID`. Errors: `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: '/' }],
  });
  return cached;
}
