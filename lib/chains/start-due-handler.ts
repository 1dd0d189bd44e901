// Due work `chain.start` [conversation:<id>]: starts the conversation's follow-up chains
// (lib/chains/start-chains.ts). Runs outside any transaction, so the model may judge exclusions.
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { CHAIN_START_KIND } from './schedule-chain-start';
import { startChains } from './start-chains';

onDueWork(CHAIN_START_KIND, async ({ workspaceId, item }) => {
  if (!item.subject.startsWith('conversation:')) throw new Error(`unexpected subject ${item.subject}`);
  await startChains(workspaceId, item.subject.slice('conversation:'.length));
});
