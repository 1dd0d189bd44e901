// The one CRM interface everything agent-facing uses (the agent runtime, sync-crm, later a
// Kommo adapter): pipelines and stages, fields, reading a deal's and a contact's allowed
// fields, writing fields with the agent's overwrite rule, moving a deal, tasks and notes, and
// finding or creating the client and deal behind a channel identity. Implementations:
// lib/crm/builtin (these tables). Every implementation passes
// tests/integration/crm-adapter-contract.ts.
import type { ClientChannelType, FieldType, StageKind } from '@/lib/db/schema/crm';

export type CrmEntity = 'deal' | 'contact';

export interface CrmStage {
  id: string;
  code: string;
  name: string;
  color: string;
  kind: StageKind;
  order_index: number;
}

export interface CrmPipeline {
  id: string;
  name: string;
  is_default: boolean;
  is_active: boolean;
  stages: CrmStage[];
}

export interface CrmFieldInfo {
  code: string;
  name: string;
  /** A custom field's type, or a system field's kind (stage, tags, user, json). */
  type: FieldType | 'stage' | 'tags' | 'user' | 'json';
  options: string[];
  is_required: boolean;
  /** Built into every deal/contact (lib/crm/system-fields.ts) rather than defined by the workspace. */
  system: boolean;
  /** Whether updateFields may write it (stages move through changeStage). */
  writable: boolean;
}

export interface CrmFieldValue {
  code: string;
  name: string;
  value: unknown;
}

export interface CrmRecordRead {
  id: string;
  /** Only the allowed fields, in the order of listFields. */
  fields: CrmFieldValue[];
}

export type FieldUpdateStatus = 'applied' | 'skipped' | 'rejected';
export interface FieldUpdateResult {
  code: string;
  status: FieldUpdateStatus;
  /** skipped: filled (overwrite off) | unchanged; rejected: unknown_field | read_only | a type error code. */
  reason?: string;
  message?: string;
  old_value?: unknown;
  value?: unknown;
}

export interface UpdateFieldsOptions {
  /** true/false for every field, or per field code (missing codes: false). */
  overwrite: boolean | Record<string, boolean>;
}

export interface CrmTaskInput {
  text: string;
  due_at?: string | null;
  responsible_user_id?: string | null;
  client_id?: string | null;
  conversation_id?: string | null;
}

export interface CrmNoteInput {
  text: string;
  client_id?: string | null;
  conversation_id?: string | null;
}

export interface ChannelIdentity {
  channel_type: ClientChannelType;
  external_id: string;
  name?: string | null;
  phone?: string | null;
  username?: string | null;
}

export interface CrmClientRef {
  id: string;
  name: string;
  phone: string | null;
}

export interface CrmDealRef {
  id: string;
  client_id: string;
  pipeline_id: string | null;
  stage_id: string | null;
  status: string;
}

export interface CrmAdapter {
  readonly kind: 'builtin' | 'kommo';
  listPipelines(): Promise<CrmPipeline[]>;
  listFields(entity: CrmEntity): Promise<CrmFieldInfo[]>;
  readDeal(dealId: string, allowedFieldCodes: readonly string[]): Promise<CrmRecordRead>;
  readContact(contactId: string, allowedFieldCodes: readonly string[]): Promise<CrmRecordRead>;
  updateFields(entity: CrmEntity, id: string, values: Record<string, unknown>, opts: UpdateFieldsOptions): Promise<FieldUpdateResult[]>;
  /** Only a stage of the deal's own pipeline; anything else is a 400 naming stage_id. */
  changeStage(dealId: string, stageId: string): Promise<CrmDealRef>;
  createTask(input: CrmTaskInput): Promise<{ id: string }>;
  addNote(input: CrmNoteInput): Promise<{ id: string }>;
  findOrCreateByChannel(identity: ChannelIdentity): Promise<{ client: CrmClientRef; deal: CrmDealRef; created: boolean }>;
}
