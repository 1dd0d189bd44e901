import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { auditQuerySchema, listAudit } from '@/lib/audit/list-audit';

export const GET = workspaceRoute(async ({ req, caller }) => listAudit(caller.actor, parseQuery(req, auditQuerySchema)), {
  permission: 'audit.read',
});
