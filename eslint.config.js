// Lint rules, including the import arrows of shared/design/ARCHITECTURE.md: a wrong import fails `npm run check`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const folders = [
  'show',
  'firmware-protocol',
  'analysis',
  'devices',
  'engine',
  'assistant',
  'storage',
  'contracts',
  'server',
  'controller-ui',
];

/** Which src folders each folder may import (besides itself). */
const allowed = {
  show: [],
  'firmware-protocol': [],
  analysis: ['show'],
  devices: ['firmware-protocol', 'show'],
  engine: ['show', 'analysis', 'devices'],
  assistant: ['show'],
  storage: ['show'],
  contracts: ['show'],
  server: folders,
  'controller-ui': ['contracts', 'show'],
};

/** Folders that must stay pure: no Node APIs and no packages but these. */
const pureFolders = {
  show: ['zod'],
  'firmware-protocol': [],
};

function boundaryRules(folder) {
  const forbidden = folders.filter((other) => other !== folder && !allowed[folder].includes(other));
  const patterns = forbidden.map((other) => ({
    // '-' is literal outside a character class; escaping it is an error in unicode-mode regexes.
    regex: `(^|/)${other}(/|$)`,
    message: `src/${folder} may not import src/${other} (see shared/design/ARCHITECTURE.md).`,
  }));
  if (folder in pureFolders) {
    const keep = pureFolders[folder].map((name) => `${name}$|${name}/`).join('|');
    patterns.push({
      regex: keep ? `^(?!\\.|${keep})` : '^(?!\\.)',
      message: `src/${folder} is pure: it imports ${pureFolders[folder].join(', ') || 'nothing'} and no Node APIs.`,
    });
  }
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'hardware/build', 'tests/.artifacts', 'src/controller-ui/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js', 'hardware/**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...folders.map(boundaryRules),
);
