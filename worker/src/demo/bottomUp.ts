import type mongoose from 'mongoose';
import { BottomUpSubmission, roundMinor } from '@opscycle/domain';
import { bottomUpSubmissionId, bottomUpSubmissionModel } from '@opscycle/storage';
import { DEMO_SEED, type DemoCompany } from './company';
import { seededRandom } from './random';

/**
 * Each team manager's own FY number: last year's won revenue grown by what the manager believes
 * (from a cautious +10% to an eager +60%, seeded), so against the top-down allocation some units
 * commit to more and some to less. A region manager adds up the teams and shades it by up to ±5%.
 */
export function demoBottomUpSubmissions(
  demo: DemoCompany,
  fiscalYear: number,
  seed: number = DEMO_SEED,
): BottomUpSubmission[] {
  const random = seededRandom(seed + fiscalYear);
  const lastYear = String(fiscalYear - 1);
  const managerOf = (unitId: string) => {
    const manager = demo.people.find((p) => p.role === 'manager' && p.orgUnitId === unitId);
    if (!manager) throw new Error(`demo unit ${unitId} has no manager to submit its bottom-up number`);
    return manager.id;
  };
  const revenueOf = (teamId: string) =>
    demo.deals
      .filter((d) => d.teamId === teamId && d.status === 'won' && d.wonOn?.startsWith(lastYear))
      .reduce((sum, d) => sum + d.amountMinor, 0);
  // Whole thousands of yuan: what a manager writes in a plan.
  const rounded = (minor: number) => roundMinor(minor / 100_000) * 100_000;
  const submission = (unitId: string, amountMinor: number, comment: string): BottomUpSubmission => ({
    fiscalYear,
    unitId,
    submittedBy: managerOf(unitId),
    amountMinor,
    currency: 'CNY',
    comment,
  });

  const submissions: BottomUpSubmission[] = [];
  for (const region of demo.units.filter((u) => u.kind === 'region')) {
    let teamsTotal = 0;
    for (const team of demo.units.filter((u) => u.kind === 'team' && u.parentId === region.id)) {
      const growth = random.between(0.1, 0.6);
      const amountMinor = rounded(revenueOf(team.id) * (1 + growth));
      teamsTotal += amountMinor;
      submissions.push(
        submission(
          team.id,
          amountMinor,
          `FY${fiscalYear - 1} revenue ${growth < 0 ? '' : '+'}${Math.round(growth * 100)}%`,
        ),
      );
    }
    const shade = random.between(-0.05, 0.05);
    submissions.push(
      submission(
        region.id,
        rounded(teamsTotal * (1 + shade)),
        `teams' numbers ${shade < 0 ? '' : '+'}${Math.round(shade * 100)}%`,
      ),
    );
  }
  return submissions;
}

/**
 * Stores the managers' numbers once: a number a manager has since revised through the API is kept,
 * so a restart changes nothing. Returns how many were new.
 */
export async function seedDemoBottomUp(
  connection: mongoose.Connection,
  cycleId: string,
  submissions: readonly BottomUpSubmission[],
  submittedAt: Date = new Date(),
): Promise<number> {
  const model = bottomUpSubmissionModel(connection);
  let created = 0;
  for (const submission of submissions.map((s) => BottomUpSubmission.parse(s))) {
    const _id = bottomUpSubmissionId(cycleId, submission.unitId);
    const result = await model.updateOne(
      { _id },
      { $setOnInsert: { ...submission, _id, cycleId, submittedAt } },
      { upsert: true },
    );
    created += result.upsertedCount;
  }
  return created;
}
