import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Features depend in one direction: each may import the ones before it, never one after it. A field that
 * joins two features lives in the later one; `common/` imports no feature at all.
 */
const FEATURES = ['places', 'audit', 'organisations', 'users', 'agreements', 'commitments', 'reports', 'fulfilment', 'timeline', 'exports'];
const noImportOf = (folders, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: `(^|/)(${folders.join('|')})/`, message: why }] }],
});
const direction = [
  ...FEATURES.map((feature, i) => ({
    files: [`src/modules/${feature}/**/*.ts`],
    rules: noImportOf(FEATURES.slice(i + 1).concat('health'), `${feature} may not import a later feature: features depend in one direction (move the field to the later one, or publish an event)`),
  })),
  { files: ['src/common/**/*.ts'], rules: noImportOf(['modules'], 'common/ is used by every feature and imports none of them') },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'src/database/migrations/*-*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', globalThis: 'readonly' } },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.js'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  ...direction,
);
