import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const LAYERS = [
  'layer:domain',
  'layer:infrastructure',
  'layer:orchestration',
  'layer:testing',
  'layer:ui',
  'layer:app',
];

/** Imports point inward: apps → workflows/activities → libs; libs/domain imports nothing of ours. */
const inward = (testsMayUseHarness) => [
  { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:infrastructure', onlyDependOnLibsWithTags: ['layer:domain'] },
  {
    // Workflows may import activities (their types, for proxyActivities); activities never import workflows.
    sourceTag: 'layer:orchestration',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:infrastructure',
      'layer:orchestration',
      ...(testsMayUseHarness ? ['layer:testing'] : []),
    ],
  },
  {
    sourceTag: 'layer:testing',
    onlyDependOnLibsWithTags: ['layer:domain', 'layer:infrastructure'],
  },
  { sourceTag: 'layer:ui', onlyDependOnLibsWithTags: ['layer:domain'] },
  { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['layer:infrastructure', 'layer:testing'] },
  {
    sourceTag: 'layer:app',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:infrastructure',
      'layer:orchestration',
      'layer:ui',
      ...(testsMayUseHarness ? ['layer:testing'] : []),
    ],
  },
];

const boundaries = (testsMayUseHarness) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: inward(testsMayUseHarness),
      // The workflows are handed to Temporal's bundler by path (require.resolve), which Nx counts as a lazy load.
      checkDynamicDependenciesExceptions: ['@saksflyt/workflows'],
    },
  ],
});

export default [
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.tools/**',
      'data/**',
      '.nx/**',
      'docs/**',
      'apps/admin-ui/public/vendor/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts'],
    rules: {
      ...boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The chaos run's helpers are test code that lives beside its test.
  {
    files: ['**/*.test.ts', '**/__fixtures__/**/*.ts', 'apps/worker/src/chaos/**/*.ts'],
    rules: boundaries(true),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no clock or randomness of its own.
    files: ['workflows/src/**/*.ts', 'bench/src/workflows/**/*.ts'],
    ignores: [
      'workflows/src/**/*.test.ts',
      'workflows/src/client.ts',
      'workflows/src/demo.ts',
      'workflows/src/work-lists.ts',
      'workflows/src/__fixtures__/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'],
              message: 'No Node APIs in workflow code.',
            },
          ],
          paths: [
            {
              name: '@temporalio/client',
              message: 'Workflow code talks to Temporal only through @temporalio/workflow.',
            },
            {
              name: '@temporalio/worker',
              message: 'Workflow code talks to Temporal only through @temporalio/workflow.',
            },
            {
              name: '@saksflyt/temporal',
              message: 'Workflow code may import only @saksflyt/temporal/search-attributes.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the SDK’s deterministic random (uuid4, Math.random is patched but say so).',
        },
      ],
    },
  },
  prettier,
];
