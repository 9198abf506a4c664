import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { RuleDesigner } from '../rules/RuleDesigner';
import '../styles.css';
import { largeIncentiveGraph } from './largeGraph';

/** The real designer on a generated graph, for the pan/zoom benchmark (no API needed). */
const size = Number(new URLSearchParams(location.search).get('nodes') ?? '500');
const root = document.getElementById('root');
if (!root) throw new Error('bench.html has no #root');
void initI18n().then(() => {
  createRoot(root).render(
    <div style={{ padding: 8 }}>
      <RuleDesigner initial={largeIncentiveGraph(size)} />
    </div>,
  );
});
