// Names the follow-up chains runtime shares (issue 10; docs/chains-api.md).
/** The system actor that starts and runs chains. */
export const CHAINS_ACTOR = 'chains';
/** Due work: the next step of a run [chain_run:<id>]. */
export const CHAIN_STEP_KIND = 'chain.step';
