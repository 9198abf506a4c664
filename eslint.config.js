// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { LAYERS, packageName } from './tools/layers.js';

// Workflow code is replayed: Node built-ins (clock, fs, crypto, net) would make it nondeterministic.
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const workflowPaths = [
  ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic.' })),
  { name: 'mongoose', message: 'Workflows hold ids; activities read Mongo.' },
  { name: 'json-rules-engine', message: 'Rules are evaluated in activities.' },
];

/** Each workspace imports only the workspaces of the layers below it (tools/layers.js); none imports test. */
const layerRules = Object.entries(LAYERS).map(([workspace, allowed]) => {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== workspace && !allowed.includes(other));
  return {
    files: [`${workspace}/**/*.{ts,tsx,js}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: workspace === 'workflows' ? workflowPaths : [],
          patterns: forbidden.map((other) => ({
            group: [packageName(other), `${packageName(other)}/*`],
            message: `${workspace} may import only ${allowed.join(', ') || 'no other workspace'} (tools/layers.js).`,
          })),
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  {
    files: ['designer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);
