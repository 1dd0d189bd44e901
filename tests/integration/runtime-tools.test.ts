// The agent's tools (issue 8): built per agent and turn from its rules, re-checked by the policy
// before anything is written, each change a timeline event with source `agent`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { loadTurnConfig, loadTurnConversation } from '@/lib/runtime/load-turn-config';
import { runtimeFixture, type RuntimeFixture } from './runtime-fixtures';

let db: Database;
let fx: RuntimeFixture;

beforeAll(async () => {
  db = await setupTestDatabase();
  fx = await runtimeFixture(db);
});
afterAll(async () => {
  await teardownTestDatabase();
});

describe('loadTurnConfig', () => {
  it('reads the agent, its active pipelines, rules, scope and items as the agent runtime', async () => {
    const config = await loadTurnConfig(fx.actor, fx.agentId);
    expect(config.agent).toMatchObject({ id: fx.agentId, model: 'gpt-4o-mini', kbOnly: false, isActive: true });
    expect(config.pipelines).toEqual([
      { pipelineId: fx.pipelineId, allStages: false, stageIds: fx.agentStageCodes.map((c) => fx.stages[c]), stageInstructions: { [fx.stages.new]: expect.any(String) } },
    ]);
    expect(config.updateRules.map((r) => [r.entityType, r.fieldCode, r.overwrite])).toEqual([
      ['deal', 'budget', false],
      ['deal', 'title', true],
      ['contact', 'email', true],
      ['contact', 'city', false],
    ]);
    expect(config.crmAccess.dealFields).toContain('budget');
    expect(config.knowledge).toMatchObject({ allCategories: true, createTaskIfNoAnswer: true });
    expect(config.companyKnowledge).toEqual([{ title: 'Адрес', content: 'ул. Абая 17, Алматы' }]);
    expect(config.scripts).toHaveLength(1);
    expect(config.objections).toHaveLength(1);
    const conversation = await loadTurnConversation(fx.actor, fx.conversationId);
    expect(conversation).toMatchObject({ id: fx.conversationId, clientId: fx.clientId, stageId: fx.stages.new, status: 'active', context: {} });
  });
});
