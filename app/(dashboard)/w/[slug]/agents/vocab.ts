// Server side of components/agents/vocab.ts: the value lists, read from the schema module.
import {
  CHAIN_ACTION_TYPES,
  CHANNELS,
  CREATIVITY_LEVELS,
  DELAY_UNITS,
  ENTITY_TYPES,
  TRIGGER_ACTION_TYPES,
  WEEKDAYS,
} from '@/lib/agents/schemas';
import type { AgentVocab } from '@/components/agents/vocab';

export const AGENT_VOCAB: AgentVocab = {
  channels: CHANNELS,
  weekdays: WEEKDAYS,
  delayUnits: DELAY_UNITS,
  chainActionTypes: CHAIN_ACTION_TYPES,
  triggerActionTypes: TRIGGER_ACTION_TYPES,
  entityTypes: ENTITY_TYPES,
  creativityLevels: CREATIVITY_LEVELS,
};
