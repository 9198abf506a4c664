// @ts-check
// Who may import whom, by workspace folder: domain <- rules <- storage <- {worker, api} <- apps (demo,
// services). Workflow code holds ids and versions only; the designer sees the domain only; test may import
// anything and nothing imports it. ESLint (eslint.config.js) enforces it on every import, `npm run graph`
// on every package.json.

/** @type {Record<string, readonly string[]>} */
export const LAYERS = {
  domain: [],
  rules: ['domain'],
  workflows: ['domain'],
  storage: ['domain', 'rules'],
  worker: ['domain', 'rules', 'storage', 'workflows'],
  api: ['domain', 'rules', 'storage', 'workflows'],
  designer: ['domain'],
  // Apps: the processes `npm start` runs beside the worker and the API.
  demo: ['domain', 'rules', 'storage', 'workflows', 'worker', 'api'],
  services: ['domain', 'rules', 'storage', 'workflows', 'worker', 'api'],
  test: ['domain', 'rules', 'storage', 'workflows', 'worker', 'api', 'designer', 'demo', 'services'],
};

/** A workspace's package name: the folder `storage` is `@opscycle/storage`. */
export const packageName = (/** @type {string} */ workspace) => `@opscycle/${workspace}`;
