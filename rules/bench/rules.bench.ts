/**
 * npm run bench:rules
 *
 * Each phase runs in its own process (so its peak memory is its own) on one core:
 *  - naive:     one json-rules-engine Engine, `await engine.run(facts)` per rep (conditions only);
 *  - reference: OpsCycle through json-rules-engine (engine.run + payout lines with trace) per rep;
 *  - conditions: OpsCycle's closure-compiled rules (runFast): the naive loop's work, same trace;
 *  - fast:      OpsCycle's synchronous evaluator (evaluatePayeeSync) per rep, checked identical to
 *               the reference path for every rep;
 *  - payout:    a whole period, 1,000,000 deal lines for 10,000 payees (crediting, splits, refunds,
 *               overrides, draws), fast path, checked identical to the json-rules-engine path.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import {
  compileRuleGraph,
  demoIncentivePlan,
  evaluateIncentive,
  evaluateIncentiveSync,
  evaluatePayee,
  evaluatePayeeSync,
  runFast,
  runJsonRulesEngine,
} from '@opscycle/rules';
import { periodActuals, repFacts } from './workload';

const REPS = Number(process.env.BENCH_REPS ?? 100_000);
const PAYEES = Number(process.env.BENCH_PAYEES ?? 10_000);
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);

interface PhaseResult {
  phase: string;
  count: number;
  seconds: number;
  peakRssMb: number;
  note: string;
}

const plan = compileRuleGraph(demoIncentivePlan);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function naive(): Promise<PhaseResult> {
  const reps = repFacts(REPS);
  // The naive loop as an integrator would write it: the compiled rules in one Engine, stock options.
  const engine = new Engine(plan.rules, { allowUndefinedFacts: true });
  const started = performance.now();
  let fired = 0;
  for (const facts of reps) fired += (await engine.run(facts)).events.length;
  return {
    phase: 'naive',
    count: REPS,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb(),
    note: `${fired} rules fired`,
  };
}

async function reference(): Promise<PhaseResult> {
  const reps = repFacts(REPS);
  const started = performance.now();
  let total = 0;
  for (const [i, facts] of reps.entries())
    total += (await evaluatePayee(plan, { payeeId: `p${i}`, periodId: '2027-03', facts })).totalMinor;
  return {
    phase: 'reference',
    count: REPS,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb(),
    note: `total ${total}`,
  };
}

async function fast(): Promise<PhaseResult> {
  const reps = repFacts(REPS);
  // Results are checked against json-rules-engine a batch at a time (as a payout run would write
  // them out a batch at a time); only the fast evaluation itself is timed.
  const BATCH = 1_000;
  let seconds = 0;
  let differing = 0;
  let total = 0;
  for (let from = 0; from < reps.length; from += BATCH) {
    const batch = reps.slice(from, from + BATCH);
    const started = performance.now();
    const results = batch.map((facts, i) =>
      evaluatePayeeSync(plan, { payeeId: `p${from + i}`, periodId: '2027-03', facts }),
    );
    seconds += (performance.now() - started) / 1000;
    for (const [i, facts] of batch.entries()) {
      const expected = await evaluatePayee(plan, { payeeId: `p${from + i}`, periodId: '2027-03', facts });
      if (JSON.stringify(expected) !== JSON.stringify(results[i])) differing++;
      total += results[i]!.totalMinor;
    }
  }
  if (differing > 0) throw new Error(`${differing} reps differ from json-rules-engine`);
  return {
    phase: 'fast',
    count: REPS,
    seconds,
    peakRssMb: peakRssMb(),
    note: `total ${total}; identical to json-rules-engine (JSON, trace included) for all ${REPS} reps`,
  };
}

/** The same work as the naive loop (rule results with their condition trace, no payout lines). */
async function conditions(): Promise<PhaseResult> {
  const reps = repFacts(REPS);
  const BATCH = 1_000;
  let seconds = 0;
  let differing = 0;
  for (let from = 0; from < reps.length; from += BATCH) {
    const batch = reps.slice(from, from + BATCH);
    const started = performance.now();
    const results = batch.map((facts) => runFast(plan, facts));
    seconds += (performance.now() - started) / 1000;
    for (const [i, facts] of batch.entries()) {
      if (JSON.stringify(await runJsonRulesEngine(plan, facts)) !== JSON.stringify(results[i])) differing++;
    }
  }
  if (differing > 0) throw new Error(`${differing} reps' rule results differ from json-rules-engine`);
  return {
    phase: 'conditions',
    count: REPS,
    seconds,
    peakRssMb: peakRssMb(),
    note: `identical rule results and traces for all ${REPS} reps`,
  };
}

async function payout(): Promise<PhaseResult> {
  const input = periodActuals(PAYEES, LINES);
  const started = performance.now();
  const result = evaluateIncentiveSync(plan, input);
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssMb();
  const refStarted = performance.now();
  const expected = await evaluateIncentive(plan, input);
  const refSeconds = (performance.now() - refStarted) / 1000;
  const same = JSON.stringify(expected) === JSON.stringify(result);
  if (!same) throw new Error('the payout differs from the json-rules-engine path');
  const lines = result.payees.reduce((s, p) => s + p.lines.length, 0);
  return {
    phase: 'payout',
    count: LINES,
    seconds,
    peakRssMb: peak,
    note: `${PAYEES} payees, ${lines} payout lines, total ${result.totalMinor}; json-rules-engine path ${refSeconds.toFixed(2)} s, identical`,
  };
}

const PHASES = { naive, reference, conditions, fast, payout } satisfies Record<
  string,
  () => Promise<PhaseResult>
>;
type Phase = keyof typeof PHASES;

const requested = process.argv[2] as Phase | undefined;
if (requested) {
  const result = await PHASES[requested]();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  const results: PhaseResult[] = [];
  for (const phase of ['conditions', 'fast', 'naive', 'reference', 'payout'] as Phase[]) {
    // One core, one phase at a time: taskset when available keeps the figure honest on a shared machine.
    const run = spawnSync('taskset', ['-c', '0', process.execPath, '--import', 'tsx', self, phase], {
      encoding: 'utf8',
      env: process.env,
    });
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      process.exit(1);
    }
    results.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as PhaseResult);
  }
  const rate = (r: PhaseResult) => Math.round(r.count / r.seconds).toLocaleString('en-US');
  const byPhase = Object.fromEntries(results.map((r) => [r.phase, r])) as Record<Phase, PhaseResult>;
  console.log(
    `Incentive plan "${plan.name}": ${plan.rules.length} rules; ${REPS.toLocaleString('en-US')} reps; one core`,
  );
  // Other processes share the cores: the load says how far the figures are below an idle machine's.
  console.log(`machine load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores\n`);
  console.log('path                                          evaluations/s   seconds   peak RSS');
  const row = (label: string, r: PhaseResult) =>
    console.log(
      `${label.padEnd(46)}${rate(r).padStart(13)}   ${r.seconds.toFixed(2).padStart(7)}   ${String(r.peakRssMb).padStart(5)} MB`,
    );
  row('naive: await engine.run(facts) per rep', byPhase.naive);
  row('OpsCycle fast path, rule results + trace', byPhase.conditions);
  console.log(
    `  ${byPhase.conditions.note}; ${(byPhase.naive.seconds / byPhase.conditions.seconds).toFixed(1)}x the naive loop`,
  );
  row('OpsCycle via json-rules-engine (+ payout)', byPhase.reference);
  row('OpsCycle fast path (+ payout, trace)', byPhase.fast);
  console.log(`  fast path: ${byPhase.fast.note}`);
  console.log(
    `  ${(byPhase.reference.seconds / byPhase.fast.seconds).toFixed(1)}x the json-rules-engine path for the same payout lines; ${(byPhase.naive.seconds / byPhase.fast.seconds).toFixed(1)}x the naive loop (which computes no payout)\n`,
  );
  console.log(
    `Payout over ${LINES.toLocaleString('en-US')} deal lines: ${byPhase.payout.seconds.toFixed(2)} s (fast path), peak RSS ${byPhase.payout.peakRssMb} MB`,
  );
  console.log(`  ${byPhase.payout.note}`);
}
