import { useEffect, useState } from 'react';
import { SCREENS, type Screen } from './navigation';

/** `#/rules/<ruleSetId>` -> { screen: 'rules', rest: ['<ruleSetId>'] }. Hash routes keep the static build trivially servable. */
export interface Route {
  screen: Screen | null;
  rest: string[];
}

function parse(hash: string): Route {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: SCREENS.find((s) => s === first) ?? null, rest };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const update = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(screen: Screen, ...rest: string[]): void {
  location.hash = `#/${[screen, ...rest].map(encodeURIComponent).join('/')}`;
}
