import { useTranslation } from 'react-i18next';
import type { IncentiveForm } from './incentiveInput';

/** One payee's month: quota, target incentive, collection rate, and the deals credited to them. */
export function IncentiveFormView({
  form,
  onChange,
}: {
  form: IncentiveForm;
  onChange: (form: IncentiveForm) => void;
}) {
  const { t } = useTranslation();
  const num = (key: 'quotaMinor' | 'targetIncentiveMinor' | 'collectionRate') => (
    <input
      type="number"
      step="any"
      data-testid={`sim-${key}`}
      value={form[key]}
      onChange={(e) => onChange({ ...form, [key]: Number(e.target.value) })}
    />
  );
  const setDeal = (i: number, patch: Partial<IncentiveForm['deals'][number]>) =>
    onChange({ ...form, deals: form.deals.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  return (
    <div className="incentive-form">
      <dl className="kv">
        <div>
          <dt>{t('performance.period')}</dt>
          <dd>
            <input
              value={form.periodId}
              aria-label="period"
              onChange={(e) => onChange({ ...form, periodId: e.target.value })}
            />
            <input
              type="date"
              value={form.from}
              aria-label="from"
              onChange={(e) => onChange({ ...form, from: e.target.value })}
            />
            <input
              type="date"
              value={form.to}
              aria-label="to"
              onChange={(e) => onChange({ ...form, to: e.target.value })}
            />
          </dd>
        </div>
        <div>
          <dt>{t('impact.payee')}</dt>
          <dd>
            <input
              value={form.payeeId}
              data-testid="sim-payeeId"
              onChange={(e) => onChange({ ...form, payeeId: e.target.value })}
            />
          </dd>
        </div>
        <div>
          <dt>{t('fact.quota')} (minor)</dt>
          <dd>{num('quotaMinor')}</dd>
        </div>
        <div>
          <dt>{t('fact.targetIncentive')} (minor)</dt>
          <dd>{num('targetIncentiveMinor')}</dd>
        </div>
        <div>
          <dt>{t('fact.collectionRate')}</dt>
          <dd>{num('collectionRate')}</dd>
        </div>
        <div>
          <dt>{t('fact.salesRole')}</dt>
          <dd>
            <select
              value={form.salesRole}
              onChange={(e) => onChange({ ...form, salesRole: e.target.value as IncentiveForm['salesRole'] })}
            >
              <option value="direct">direct</option>
              <option value="channel">channel</option>
            </select>
          </dd>
        </div>
        <div>
          <dt>{t('fact.tenureMonths')}</dt>
          <dd>
            <input
              type="number"
              value={form.tenureMonths ?? ''}
              onChange={(e) =>
                onChange({ ...form, tenureMonths: e.target.value === '' ? null : Number(e.target.value) })
              }
            />
          </dd>
        </div>
      </dl>
      <table className="tier-table" data-testid="sim-deals">
        <thead>
          <tr>
            <th>{t('funnel.deals')}</th>
            <th>amountMinor</th>
            <th>{t('fact.productLine')}</th>
            <th>{t('fact.newCustomers')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {form.deals.map((d, i) => (
            <tr key={i}>
              <td>
                <input value={d.dealId} onChange={(e) => setDeal(i, { dealId: e.target.value })} />
              </td>
              <td>
                <input
                  type="number"
                  data-testid={`sim-deal-amount-${i}`}
                  value={d.amountMinor}
                  onChange={(e) => setDeal(i, { amountMinor: Number(e.target.value) })}
                />
              </td>
              <td>
                <input value={d.productLine} onChange={(e) => setDeal(i, { productLine: e.target.value })} />
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={d.newCustomer}
                  onChange={(e) => setDeal(i, { newCustomer: e.target.checked })}
                />
              </td>
              <td>
                <button onClick={() => onChange({ ...form, deals: form.deals.filter((_, j) => j !== i) })}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        onClick={() =>
          onChange({
            ...form,
            deals: [
              ...form.deals,
              {
                dealId: `deal-${form.deals.length + 1}`,
                amountMinor: 0,
                productLine: 'cloud',
                newCustomer: false,
                closedOn: form.from,
              },
            ],
          })
        }
      >
        + {t('funnel.deals')}
      </button>
    </div>
  );
}
