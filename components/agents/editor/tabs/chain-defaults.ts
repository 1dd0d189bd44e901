// Chain form constants shared by the list, the dialog and the steps editor.
import type { ChainActionType, DelayUnit } from '../../vocab';

/** Translation keys of DELAY_UNITS (stored as the seed's Russian words), by position. */
export const UNIT_KEYS = ['minutes', 'hours', 'days'] as const;
export type { ChainActionType, DelayUnit as Unit };

/** A first step: 20 of the first (smallest) unit, one generated message. */
export const newStep = (unit: DelayUnit) => ({
  delay_value: 20,
  delay_unit: unit,
  actions: [{ action_type: 'generate_message' as ChainActionType, instruction: '' }],
});
