// The CRM a workspace's agents talk to. Built-in for now; a workspace connected to Kommo will
// get the Kommo adapter here (same interface, same contract suite).
import type { WorkspaceActor } from '@/lib/db/actor';
import type { CrmAdapter } from './adapter';
import { builtinCrm } from './builtin/builtin-crm';

export function crmFor(actor: WorkspaceActor): CrmAdapter {
  return builtinCrm(actor);
}
