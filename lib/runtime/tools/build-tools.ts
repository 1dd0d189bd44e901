// The tools the model may call in one turn, built from the agent's own settings: update_field
// names only the fields its update rules name (with each rule's condition and overwrite),
// change_stage only the stages of its active pipelines. Whatever the model then sends is
// checked again by lib/runtime/policy/check-tool-call.ts before anything is written.
import type { ChatToolDef } from '@/lib/ai/provider/types';
import type { AgentTurnConfig, TurnState } from '../types';

export const TOOL_NAMES = [
  'update_field',
  'register_lead',
  'add_fact',
  'lookup_price',
  'create_task',
  'change_stage',
  'request_human',
  'update_context',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Limits shared with the policy layer (the schema tells the model, the policy enforces). */
export const LIMITS = { text: 500, long: 2000, value: 2000, fact: 500, reason: 500, device: 200 } as const;

/** Context keys the agent extracts from the dialog (seed 004). */
export const INTENTS = ['repair', 'buy', 'sell', 'consult', 'other'] as const;

export interface AllowedStage {
  id: string;
  code: string;
  name: string;
  pipelineId: string;
}

/** Stages of the agent's active pipelines it may move a deal to (allStages expanded by loadTurnConfig). */
export function allowedStages(config: AgentTurnConfig): AllowedStage[] {
  const out: AllowedStage[] = [];
  for (const p of config.pipelines) {
    const named = new Map((p.stages ?? []).map((s) => [s.id, s]));
    for (const id of p.stageIds) {
      const s = named.get(id);
      out.push({ id, code: s?.code ?? id, name: s?.name ?? id, pipelineId: p.pipelineId });
    }
  }
  return out;
}

const str = (description: string, maxLength: number = LIMITS.text) => ({ type: 'string', description, maxLength });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

function updateFieldTool(config: AgentTurnConfig): ChatToolDef | null {
  const rules = config.updateRules;
  if (!rules.length) return null;
  const lines = rules.map((r) => {
    const f = r.field;
    const kind = f ? `${f.name}, ${f.type}${f.options.length ? `: ${f.options.join(' | ')}` : ''}` : 'field';
    const keep = r.overwrite ? 'may replace a filled value' : 'only when empty — a filled value is kept';
    return `- ${r.entityType}.${r.fieldCode} (${kind}) — when: ${r.condition}; ${keep}`;
  });
  return {
    name: 'update_field',
    description:
      'Write one CRM field of this dialog\'s deal or contact, only when its condition is met by what the customer said. ' +
      'Allowed fields:\n' +
      lines.join('\n'),
    parameters: obj(
      {
        entity: { type: 'string', enum: [...new Set(rules.map((r) => r.entityType))] },
        field: { type: 'string', enum: [...new Set(rules.map((r) => r.fieldCode))] },
        value: str('The value as the customer gave it (numbers as digits, dates as YYYY-MM-DD, several tags comma-separated).', LIMITS.value),
      },
      ['entity', 'field', 'value'],
    ),
  };
}

function changeStageTool(config: AgentTurnConfig): ChatToolDef | null {
  const stages = allowedStages(config);
  if (!stages.length) return null;
  return {
    name: 'change_stage',
    description:
      'Move this dialog\'s deal to another stage of its pipeline when the conversation has reached it. Stages:\n' +
      stages.map((s) => `- ${s.id}: ${s.name} (${s.code})`).join('\n'),
    parameters: obj({ stage_id: { type: 'string', enum: stages.map((s) => s.id) }, reason: str('Why, in a few words.') }, ['stage_id']),
  };
}

export function buildTools(state: TurnState): ChatToolDef[] {
  const { config } = state;
  const tools: (ChatToolDef | null)[] = [
    updateFieldTool(config),
    {
      name: 'register_lead',
      description:
        'Register the customer as a lead once you know their name and phone: fills the client card and the deal ' +
        '(calling it again with new details updates the same lead).',
      parameters: obj(
        {
          name: str('Customer name', 255),
          phone: str('Phone number as given', 50),
          city: str('City', 255),
          object_type: str('What the request is about (device, object, service)', 255),
          area: str('Size/area/volume if relevant', 100),
          summary: str('One or two sentences: what the customer needs', LIMITS.long),
        },
        ['name', 'phone'],
      ),
    },
    {
      name: 'add_fact',
      description: 'Remember a short lasting fact about the customer (preferences, circumstances), not the current request.',
      parameters: obj({ fact: str('The fact, one sentence', LIMITS.fact) }, ['fact']),
    },
    {
      name: 'lookup_price',
      description: 'Look up prices in the price list for a device (and optionally a category of service). Quote only prices found here.',
      parameters: obj({ device: str('Brand and model, e.g. "iPhone 13 Pro"', LIMITS.device), category: str('Service category, e.g. "Экран"', 255) }, ['device']),
    },
    {
      name: 'create_task',
      description: 'Create a task for the team (a call back, a check) on this dialog.',
      parameters: obj(
        { text: str('What to do', LIMITS.text), due_in_hours: { type: 'integer', minimum: 0, maximum: 8760, description: 'Due in this many hours' } },
        ['text'],
      ),
    },
    changeStageTool(config),
    {
      name: 'request_human',
      description: 'Hand the dialog over to a manager (the customer asks for a person, a complaint, something you must not decide). The agent stops answering this dialog.',
      parameters: obj({ reason: str('Why a person is needed', LIMITS.reason) }, ['reason']),
    },
    {
      name: 'update_context',
      description:
        'Record what the dialog is about as soon as it becomes clear (only the keys you learned): intent, device, issue, ' +
        'stage of the talk, prices quoted/agreed, what you are waiting for.',
      parameters: obj({
        intent: { type: 'string', enum: [...INTENTS] },
        device: obj({ brand: str('Brand', 100), model: str('Model', 100), color: str('Color', 50) }),
        issue: obj({ category: str('Problem category', 100), description: str('Problem in the customer\'s words', LIMITS.text) }),
        stage: str('Where the talk is (new, qualifying, quoted, approved …)', 50),
        price_quoted: { type: 'number', minimum: 0, description: 'Price you quoted' },
        price_final: { type: 'number', minimum: 0, description: 'Price agreed' },
        awaiting: str('What you wait for from the customer (e.g. price_approval, photo, visit)', 100),
      }),
    },
  ];
  return tools.filter((t): t is ChatToolDef => t !== null);
}
