import { advanceDemoCycle, DemoCycleStuckError } from './demo/advance';
import { withDemoConnections } from './demo/connections';

// `npm start` runs this once the worker polls: the FY2027 cycle's target sign-offs approved by the
// unit managers, so the staffing sign-offs wait in their inboxes. A restart changes nothing.
await withDemoConnections(async (client, connection) => {
  const started = Date.now();
  try {
    const cycle = await advanceDemoCycle(client, connection);
    console.log(
      `[demo] ${cycle.cycleId}: target setting signed off (${cycle.targetDecisions} decisions now), ` +
        `${cycle.staffingWaiting} staffing sign-offs waiting (${Date.now() - started} ms)`,
    );
  } catch (error) {
    // The rest of the demo (designer, payouts, performance) does not need the cycle to move on.
    if (!(error instanceof DemoCycleStuckError)) throw error;
    console.error(`[demo] the FY2027 cycle is stuck: ${error.message}`);
  }
});
