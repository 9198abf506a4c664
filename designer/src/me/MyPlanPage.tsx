import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyAttainment, MyEstimate, MyPlan, PayoutStatement } from '@opscycle/domain';
import { useApi } from '../api/useApi';
import { formatDate, formatMoney, formatPct } from '../format';
import { Loadable } from '../shell/Loadable';
import { meApi } from './api';
import { StatementLines } from './StatementLines';
import { inquiriesApi } from '../inquiries/api';
import { MyInquiries } from '../inquiries/MyInquiries';
import { QuestionLine } from '../inquiries/QuestionLine';

/** A rep's own screen: the plan that pays them, where they stand, what they were paid and why, what a deal would add. */
export default function MyPlanPage() {
  const { t } = useTranslation();
  const plan = useApi(() => meApi.plan(), []);
  const attainment = useApi(() => meApi.attainment(), []);
  const statements = useApi(() => meApi.statements(), []);
  const inquiries = useApi(() => inquiriesApi.list('mine'), []);
  return (
    <div>
      <h1>{t('me.title')}</h1>
      <Loadable state={plan}>
        {(p) => <PlanSection plan={p} onAcknowledged={() => void plan.reload()} />}
      </Loadable>
      <Loadable state={attainment}>{(a) => <AttainmentSection attainment={a} />}</Loadable>
      <Loadable state={statements}>
        {({ statements: list }) => (
          <StatementsSection statements={list} onQuestioned={() => void inquiries.reload()} />
        )}
      </Loadable>
      <MyInquiries state={inquiries} />
      <Estimator productLines={attainment.data?.productLines ?? []} />
    </div>
  );
}

function PlanSection({ plan, onAcknowledged }: { plan: MyPlan; onAcknowledged: () => void }) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const version = plan.plan;
  const { currency } = version;
  async function acknowledge() {
    try {
      await meApi.acknowledge({ ruleSetId: version.ruleSetId, version: version.version });
      onAcknowledged();
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }
  return (
    <section data-testid="my-plan">
      <h2>{t('me.plan.title')}</h2>
      <p>
        <strong data-testid="my-plan-name">{version.name}</strong> · {t('common.version')} {version.version} ·{' '}
        <span title={version.checksum}>
          {t('me.plan.checksum')} <code data-testid="my-plan-checksum">{version.checksum.slice(0, 8)}</code>
        </span>{' '}
        ·{' '}
        {t('me.plan.effective', {
          from: formatDate(version.effectiveFrom),
          to: version.effectiveTo ? formatDate(version.effectiveTo) : t('me.plan.openEnded'),
        })}
      </p>
      <table data-testid="my-quotas">
        <thead>
          <tr>
            <th>{t('me.period')}</th>
            <th className="num">{t('me.quota')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.quotas.map((q) => (
            <tr key={q.period}>
              <td>{q.period}</td>
              <td className="num">{formatMoney(q.quotaMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('me.plan.annualQuota', { year: plan.fiscalYear })}</th>
            <th className="num">{formatMoney(plan.annualQuotaMinor, currency)}</th>
          </tr>
        </tfoot>
      </table>
      {plan.acknowledgedAt ? (
        <p data-testid="plan-acknowledged">
          ✓ {t('me.plan.acknowledgedOn', { date: formatDate(plan.acknowledgedAt) })}
        </p>
      ) : (
        <p className="row">
          <label>
            <input
              type="checkbox"
              data-testid="accept-plan"
              checked={accepted}
              onChange={(e) => setAccepted(e.target.checked)}
            />{' '}
            {t('me.plan.accept')}
          </label>
          <button data-testid="acknowledge-plan" disabled={!accepted} onClick={() => void acknowledge()}>
            {t('me.plan.acknowledge')}
          </button>
        </p>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}

const pctOrDash = (ratio: number | null) => (ratio === null ? '—' : formatPct(ratio));

function AttainmentSection({ attainment }: { attainment: MyAttainment }) {
  const { t } = useTranslation();
  const { currency } = attainment;
  return (
    <section>
      <h2>{t('me.attainment.title', { date: formatDate(attainment.asOf) })}</h2>
      <table data-testid="my-attainment">
        <thead>
          <tr>
            <th>{t('me.period')}</th>
            <th>{t('common.status')}</th>
            <th className="num">{t('me.quota')}</th>
            <th className="num">{t('me.attainment.actual')}</th>
            <th className="num">{t('me.attainment.attainment')}</th>
            <th className="num">{t('me.attainment.expected')}</th>
            <th className="num">{t('me.attainment.pace')}</th>
          </tr>
        </thead>
        <tbody>
          {attainment.periods.map((p) => (
            <tr key={p.period} data-testid={`attainment-${p.period}`}>
              <td>{p.period}</td>
              <td>{t(`me.phase.${p.phase}`)}</td>
              <td className="num">{formatMoney(p.quotaMinor, currency)}</td>
              <td className="num">{formatMoney(p.actualMinor, currency)}</td>
              <td className="num">{pctOrDash(p.attainment)}</td>
              <td className="num">{formatMoney(p.expectedToDateMinor, currency)}</td>
              <td className="num">{pctOrDash(p.pace)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('me.attainment.paceHelp')}</p>
    </section>
  );
}

function StatementsSection({
  statements,
  onQuestioned,
}: {
  statements: PayoutStatement[];
  onQuestioned: () => void;
}) {
  const { t } = useTranslation();
  const [runId, setRunId] = useState<string | null>(statements[0]?.runId ?? null);
  const open = statements.find((s) => s.runId === runId);
  return (
    <section data-testid="my-statements">
      <h2>{t('me.statements.title')}</h2>
      {statements.length === 0 && <p className="muted">{t('me.statements.none')}</p>}
      <p className="row">
        {statements.map((s) => (
          <button
            key={s.runId}
            data-testid={`open-my-statement-${s.runId}`}
            aria-pressed={s.runId === runId}
            onClick={() => setRunId(s.runId)}
          >
            {s.period} · r{s.revision} · {formatMoney(s.totalMinor, s.currency)}
          </button>
        ))}
      </p>
      {open && (
        <>
          <p className="muted">{t('me.statements.help')}</p>
          <StatementLines
            statement={open}
            actions={(line) => (
              <QuestionLine statement={open} lineKey={line.lineKey} onRaised={onQuestioned} />
            )}
          />
        </>
      )}
    </section>
  );
}

/** Major units as typed ("100,000.00") to integer minor units; null when it is no positive amount. */
function toMinor(typed: string): number | null {
  const value = Number(typed.replace(/[,\s]/g, ''));
  return Number.isFinite(value) && value > 0 ? Math.round(value * 100) : null;
}

function Estimator({ productLines }: { productLines: string[] }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [productLine, setProductLine] = useState('');
  const [newCustomer, setNewCustomer] = useState(false);
  const [closedOn, setClosedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [result, setResult] = useState<MyEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const amountMinor = toMinor(amount);
    if (amountMinor === null) return setError(t('me.estimator.invalidAmount'));
    if (!productLine.trim()) return setError(t('me.estimator.missingProductLine'));
    try {
      setError(null);
      setResult(
        await meApi.estimate({ amountMinor, productLine: productLine.trim(), newCustomer, closedOn }),
      );
    } catch (err) {
      setResult(null);
      setError(t('common.error', { message: (err as Error).message }));
    }
  }
  return (
    <section data-testid="estimator">
      <h2>{t('me.estimator.title')}</h2>
      <form className="row" onSubmit={(e) => void submit(e)}>
        <label>
          {t('me.estimator.amount')}{' '}
          <input
            data-testid="estimate-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </label>
        <label>
          {t('me.estimator.productLine')}{' '}
          <input
            data-testid="estimate-product-line"
            list="my-product-lines"
            placeholder={productLines[0]}
            value={productLine}
            onChange={(e) => setProductLine(e.target.value)}
          />
          <datalist id="my-product-lines">
            {productLines.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="estimate-new-customer"
            checked={newCustomer}
            onChange={(e) => setNewCustomer(e.target.checked)}
          />{' '}
          {t('me.estimator.newCustomer')}
        </label>
        <label>
          {t('me.estimator.closedOn')}{' '}
          <input
            type="date"
            data-testid="estimate-closed-on"
            value={closedOn}
            onChange={(e) => setClosedOn(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="run-estimate">
          {t('me.estimator.run')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && <EstimateResult estimate={result} />}
    </section>
  );
}

function EstimateResult({ estimate }: { estimate: MyEstimate }) {
  const { t } = useTranslation();
  const { currency } = estimate;
  return (
    <>
      <p data-testid="estimate-summary">
        {t('me.estimator.summary', {
          period: estimate.period,
          plan: `${estimate.plan.ruleSetId} v${estimate.plan.version}`,
          delta: formatMoney(estimate.deltaMinor, currency),
        })}
      </p>
      <table data-testid="estimate-lines">
        <thead>
          <tr>
            <th>{t('payouts.line')}</th>
            <th className="num">{t('me.estimator.without')}</th>
            <th className="num">{t('me.estimator.with')}</th>
            <th className="num">{t('me.estimator.delta')}</th>
            <th>{t('payouts.explanation')}</th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.map((line) => (
            <tr key={line.lineKey} data-testid={`estimate-line-${line.lineKey}`}>
              <td>{line.component}</td>
              <td className="num">{formatMoney(line.withoutMinor, currency)}</td>
              <td className="num">{formatMoney(line.withMinor, currency)}</td>
              <td className="num" data-testid={`estimate-delta-${line.lineKey}`}>
                {formatMoney(line.deltaMinor, currency)}
              </td>
              <td className="muted">{line.explanation.join(' ')}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('common.total')}</th>
            <th className="num">{formatMoney(estimate.withoutMinor, currency)}</th>
            <th className="num">{formatMoney(estimate.withMinor, currency)}</th>
            <th className="num" data-testid="estimate-delta">
              {formatMoney(estimate.deltaMinor, currency)}
            </th>
            <th />
          </tr>
        </tfoot>
      </table>
    </>
  );
}
