import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulationTrace } from './decorations';
import { ImpactPanel } from './ImpactPanel';
import { DEFAULT_INCENTIVE_FORM } from './incentiveInput';
import type { RuleGraph } from './model';
import { SimulatorPanel } from './SimulatorPanel';

/** Simulator and, for incentive plans, the impact preview; both read the same period's input. */
export function SidePanel({
  graph,
  onTrace,
}: {
  graph: () => RuleGraph;
  onTrace: (trace: SimulationTrace | null) => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'simulator' | 'impact'>('simulator');
  const [incentiveForm, setIncentiveForm] = useState(DEFAULT_INCENTIVE_FORM);
  const kind = graph().kind;
  return (
    <aside className="side panel">
      <div className="row" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'simulator'}
          className={tab === 'simulator' ? 'primary' : ''}
          onClick={() => setTab('simulator')}
        >
          {t('simulator.title')}
        </button>
        {kind === 'incentive' && (
          <button
            role="tab"
            aria-selected={tab === 'impact'}
            data-testid="tab-impact"
            className={tab === 'impact' ? 'primary' : ''}
            onClick={() => setTab('impact')}
          >
            {t('impact.title')}
          </button>
        )}
      </div>
      {tab === 'simulator' ? (
        <SimulatorPanel
          graph={graph}
          onTrace={onTrace}
          incentiveForm={incentiveForm}
          onIncentiveForm={setIncentiveForm}
        />
      ) : (
        <ImpactPanel graph={graph} incentiveForm={incentiveForm} />
      )}
    </aside>
  );
}
