import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleTrace } from '@opscycle/domain';
import type { RuleGraph } from './model';
import { ImpactPanel } from './ImpactPanel';
import { SimulatorPanel } from './SimulatorPanel';

export function SidePanel({
  graph,
  onTrace,
}: {
  graph: () => RuleGraph;
  onTrace: (trace: RuleTrace[] | null) => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'simulator' | 'impact'>('simulator');
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
        <SimulatorPanel graph={graph} onTrace={onTrace} />
      ) : (
        <ImpactPanel graph={graph} />
      )}
    </aside>
  );
}
