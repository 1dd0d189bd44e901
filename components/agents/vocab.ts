// The agent settings' fixed value lists (channels, weekdays, delay units, action types …).
// They live in lib/agents/schemas.ts, which cannot be bundled for the browser (it imports
// lib/api/errors → the logger → node:async_hooks), so the server page reads them and
// hands them down; the types still come from the schema module (type-only import).
import type * as AgentSchemas from '@/lib/agents/schemas';

export interface AgentVocab {
  channels: typeof AgentSchemas.CHANNELS;
  weekdays: typeof AgentSchemas.WEEKDAYS;
  delayUnits: typeof AgentSchemas.DELAY_UNITS;
  chainActionTypes: typeof AgentSchemas.CHAIN_ACTION_TYPES;
  triggerActionTypes: typeof AgentSchemas.TRIGGER_ACTION_TYPES;
  entityTypes: typeof AgentSchemas.ENTITY_TYPES;
  creativityLevels: typeof AgentSchemas.CREATIVITY_LEVELS;
}

export type Channel = AgentVocab['channels'][number];
export type Weekday = AgentVocab['weekdays'][number];
export type DelayUnit = AgentVocab['delayUnits'][number];
export type ChainActionType = AgentVocab['chainActionTypes'][number];
export type TriggerActionType = AgentVocab['triggerActionTypes'][number];
export type EntityType = AgentVocab['entityTypes'][number];
export type CreativityLevel = AgentVocab['creativityLevels'][number];
