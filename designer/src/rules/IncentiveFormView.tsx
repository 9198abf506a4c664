import { useTranslation } from 'react-i18next';
import { DraftInput, parseTypedNumber } from '../shell/DraftInput';
import { minorPerMajor } from './nodes/fieldControls';
import {
  NEW_PAYEE,
  newDeal,
  parseCredits,
  type DealForm,
  type IncentiveForm,
  type PayeeForm,
} from './incentiveInput';

/** A number box in people's units: money in major units, rates in percent; stored as the domain stores it. */
function NumberCell(props: {
  value: number | null;
  /** Stored = typed / scale (100 for percent, 1/100 for CNY money). */
  scale: number;
  integral?: boolean;
  testId: string;
  label: string;
  /** Shown in an empty box where no column header names it. */
  placeholder?: string;
  onChange: (value: number | null) => void;
}) {
  const shown = props.value === null ? '' : String(Number((props.value * props.scale).toPrecision(12)));
  return (
    <DraftInput
      shown={shown}
      testId={props.testId}
      label={props.label}
      placeholder={props.placeholder}
      onText={(text) => {
        const typed = parseTypedNumber(text);
        if (typed === null) return;
        if (typed === undefined) return props.onChange(null);
        const stored = Number((typed / props.scale).toPrecision(12));
        props.onChange(props.integral ? Math.round(stored) : stored);
      }}
    />
  );
}

/**
 * A period's payees and deals, for the simulator and the impact preview: splits between payees,
 * managers (overrides), close dates, product lines, new customers, refunds with the rate they
 * were paid at, and a draw balance carried in.
 */
export function IncentiveFormView({
  form,
  currency,
  onChange,
}: {
  form: IncentiveForm;
  currency: string;
  onChange: (form: IncentiveForm) => void;
}) {
  const { t } = useTranslation();
  const money = 1 / minorPerMajor(currency);
  const setPayee = (i: number, patch: Partial<PayeeForm>) =>
    onChange({ ...form, payees: form.payees.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setDeal = (i: number, patch: Partial<DealForm>) =>
    onChange({ ...form, deals: form.deals.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const payeeIds = form.payees.map((p) => p.payeeId);
  return (
    <div className="incentive-form">
      <div className="row">
        <label>
          {t('performance.period')}{' '}
          <input
            value={form.periodId}
            aria-label={t('performance.period')}
            data-testid="sim-period"
            onChange={(e) => onChange({ ...form, periodId: e.target.value })}
          />
        </label>
        <input
          type="date"
          value={form.from}
          aria-label={t('simulator.from')}
          data-testid="sim-from"
          onChange={(e) => onChange({ ...form, from: e.target.value })}
        />
        <input
          type="date"
          value={form.to}
          aria-label={t('simulator.to')}
          data-testid="sim-to"
          onChange={(e) => onChange({ ...form, to: e.target.value })}
        />
      </div>
      <table className="tier-table" data-testid="sim-payees">
        <thead>
          <tr>
            <th>{t('impact.payee')}</th>
            <th>{t('simulator.manager')}</th>
            <th>
              {t('fact.quota')} ({currency})
            </th>
            <th>
              {t('fact.targetIncentive')} ({currency})
            </th>
            <th>{t('fact.collectionRate')} %</th>
            <th>{t('fact.salesRole')}</th>
            <th>{t('fact.tenureMonths')}</th>
            <th>
              {t('simulator.drawBalance')} ({currency})
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {form.payees.map((p, i) => (
            <tr key={i}>
              <td>
                <input
                  value={p.payeeId}
                  data-testid={`sim-payee-${i}-id`}
                  aria-label={t('impact.payee')}
                  onChange={(e) => setPayee(i, { payeeId: e.target.value })}
                />
              </td>
              <td>
                <select
                  value={p.managerId}
                  data-testid={`sim-payee-${i}-manager`}
                  aria-label={t('simulator.manager')}
                  onChange={(e) => setPayee(i, { managerId: e.target.value })}
                >
                  <option value="">—</option>
                  {payeeIds
                    .filter((id) => id !== p.payeeId)
                    .map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                </select>
              </td>
              <td>
                <NumberCell
                  value={p.quotaMinor}
                  scale={money}
                  integral
                  testId={`sim-payee-${i}-quota`}
                  label={t('fact.quota')}
                  onChange={(v) => setPayee(i, { quotaMinor: v ?? 0 })}
                />
              </td>
              <td>
                <NumberCell
                  value={p.targetIncentiveMinor}
                  scale={money}
                  integral
                  testId={`sim-payee-${i}-targetIncentive`}
                  label={t('fact.targetIncentive')}
                  onChange={(v) => setPayee(i, { targetIncentiveMinor: v ?? 0 })}
                />
              </td>
              <td>
                <NumberCell
                  value={p.collectionRate}
                  scale={100}
                  testId={`sim-payee-${i}-collectionRate`}
                  label={t('fact.collectionRate')}
                  onChange={(v) => setPayee(i, { collectionRate: v ?? 0 })}
                />
              </td>
              <td>
                <select
                  value={p.salesRole}
                  aria-label={t('fact.salesRole')}
                  onChange={(e) => setPayee(i, { salesRole: e.target.value as PayeeForm['salesRole'] })}
                >
                  <option value="direct">{t('salesRole.direct')}</option>
                  <option value="channel">{t('salesRole.channel')}</option>
                </select>
              </td>
              <td>
                <NumberCell
                  value={p.tenureMonths}
                  scale={1}
                  integral
                  testId={`sim-payee-${i}-tenure`}
                  label={t('fact.tenureMonths')}
                  onChange={(v) => setPayee(i, { tenureMonths: v })}
                />
              </td>
              <td>
                <NumberCell
                  value={p.drawBalanceMinor}
                  scale={money}
                  integral
                  testId={`sim-payee-${i}-drawBalance`}
                  label={t('simulator.drawBalance')}
                  onChange={(v) => setPayee(i, { drawBalanceMinor: Math.max(0, v ?? 0) })}
                />
              </td>
              <td>
                <button
                  disabled={form.payees.length < 2}
                  aria-label={t('designer.removeItem')}
                  onClick={() => onChange({ ...form, payees: form.payees.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        data-testid="sim-add-payee"
        onClick={() =>
          onChange({
            ...form,
            payees: [...form.payees, { ...NEW_PAYEE, payeeId: `rep-${form.payees.length + 1}` }],
          })
        }
      >
        + {t('impact.payee')}
      </button>
      <table className="tier-table" data-testid="sim-deals">
        <thead>
          <tr>
            <th>{t('simulator.deal')}</th>
            <th>
              {t('simulator.amount')} ({currency})
            </th>
            <th>{t('fact.productLine')}</th>
            <th>{t('simulator.newCustomer')}</th>
            <th>{t('simulator.closedOn')}</th>
            <th>{t('simulator.credits')}</th>
            <th>{t('simulator.refunded')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {form.deals.map((d, i) => {
            const credits = parseCredits(d.credits, payeeIds);
            return (
              <tr key={i}>
                <td>
                  <input
                    value={d.dealId}
                    aria-label={t('simulator.deal')}
                    onChange={(e) => setDeal(i, { dealId: e.target.value })}
                  />
                </td>
                <td>
                  <NumberCell
                    value={d.amountMinor}
                    scale={money}
                    integral
                    testId={`sim-deal-${i}-amount`}
                    label={t('simulator.amount')}
                    onChange={(v) => setDeal(i, { amountMinor: v ?? 0 })}
                  />
                </td>
                <td>
                  <input
                    value={d.productLine}
                    data-testid={`sim-deal-${i}-productLine`}
                    aria-label={t('fact.productLine')}
                    onChange={(e) => setDeal(i, { productLine: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={d.newCustomer}
                    data-testid={`sim-deal-${i}-newCustomer`}
                    aria-label={t('simulator.newCustomer')}
                    onChange={(e) => setDeal(i, { newCustomer: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    value={d.closedOn}
                    data-testid={`sim-deal-${i}-closedOn`}
                    aria-label={t('simulator.closedOn')}
                    onChange={(e) => setDeal(i, { closedOn: e.target.value })}
                  />
                </td>
                <td>
                  <DraftInput
                    shown={d.credits}
                    testId={`sim-deal-${i}-credits`}
                    label={t('simulator.credits')}
                    placeholder={t('simulator.creditsHint')}
                    onText={(text) => setDeal(i, { credits: text })}
                  />
                  {!credits.ok && (
                    <div className="error" data-testid={`sim-deal-${i}-credits-error`}>
                      {credits.error}
                    </div>
                  )}
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={d.refunded}
                    data-testid={`sim-deal-${i}-refunded`}
                    aria-label={t('simulator.refunded')}
                    onChange={(e) => setDeal(i, { refunded: e.target.checked })}
                  />
                  {d.refunded && (
                    <div className="refund">
                      <input
                        type="date"
                        value={d.refundedOn}
                        data-testid={`sim-deal-${i}-refundedOn`}
                        aria-label={t('simulator.refundedOn')}
                        onChange={(e) => setDeal(i, { refundedOn: e.target.value })}
                      />
                      <NumberCell
                        value={d.refundAmountMinor}
                        scale={money}
                        integral
                        testId={`sim-deal-${i}-refundAmount`}
                        label={t('simulator.refundAmount')}
                        placeholder={t('simulator.refundAmount')}
                        onChange={(v) => setDeal(i, { refundAmountMinor: v })}
                      />
                      <NumberCell
                        value={d.paidRate}
                        scale={100}
                        testId={`sim-deal-${i}-paidRate`}
                        label={t('simulator.paidRate')}
                        placeholder={t('simulator.paidRate')}
                        onChange={(v) => setDeal(i, { paidRate: v })}
                      />
                    </div>
                  )}
                </td>
                <td>
                  <button
                    aria-label={t('designer.removeItem')}
                    onClick={() => onChange({ ...form, deals: form.deals.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        data-testid="sim-add-deal"
        onClick={() => onChange({ ...form, deals: [...form.deals, newDeal(form)] })}
      >
        + {t('simulator.deal')}
      </button>
    </div>
  );
}
