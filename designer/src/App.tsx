import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginPage } from './auth/LoginPage';
import { useUser, useSession } from './auth/session';
import { Layout } from './shell/Layout';
import { screensFor, type Screen } from './shell/navigation';
import { useRoute } from './shell/route';

/** One lazily loaded page per screen: React Flow and recharts load only where they are used. */
const PAGES = {
  rules: lazy(() => import('./rules/RulesPage')),
  funnel: lazy(() => import('./funnel/FunnelPage')),
  inbox: lazy(() => import('./inbox/InboxPage')),
  cycle: lazy(() => import('./cycle/CyclePage')),
  performance: lazy(() => import('./performance/PerformancePage')),
  payouts: lazy(() => import('./payouts/PayoutsPage')),
  me: lazy(() => import('./me/MyPlanPage')),
  inquiries: lazy(() => import('./inquiries/InquiriesPage')),
} satisfies Record<Screen, ComponentType<{ rest: string[] }>>;

function SignedIn() {
  const { t } = useTranslation();
  const user = useUser();
  const route = useRoute();
  const allowed = screensFor(user.role);
  const screen = route.screen && allowed.includes(route.screen) ? route.screen : allowed[0];
  if (!screen) return null;
  const Page = PAGES[screen];
  return (
    <Layout screen={screen}>
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <Page rest={route.screen === screen ? route.rest : []} />
      </Suspense>
    </Layout>
  );
}

export function App() {
  const { user } = useSession();
  return user ? <SignedIn /> : <LoginPage />;
}
