// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The import rules of domain code at a depth inside libs/domain/src/<feature>/ (0: any file;
 * 1: a feature's top-level files; 2: files in its subfolders): no BullMQ, HTTP or apps, and
 * (depth 1 and 2) another feature only through its public face, `../<feature>`; shared/ is
 * vocabulary, imported file by file.
 */
function domainImports(depth) {
  const up = '../'.repeat(depth);
  const patterns = [{ group: ['**/apps/**'], message: 'libs/ must not import from apps/' }];
  if (depth > 0)
    patterns.push({
      group: [`${up}*/*`, `!${up}shared/*`],
      message: 'another feature only through its public face: import from its folder (index.ts)',
    });
  return {
    paths: [
      { name: 'bullmq', message: 'Domain code knows nothing of BullMQ' },
      { name: '@nestjs/bullmq', message: 'Domain code knows nothing of BullMQ' },
      { name: 'fastify', message: 'Domain code knows nothing of HTTP' },
    ],
    patterns,
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      'test/artifacts/**',
      '*.js',
      '*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      // Domain code never imports from apps/ (ARCHITECTURE.md).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**'], message: 'libs/ must not import from apps/' }] },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', domainImports(0)] },
  },
  {
    // A feature's own files: another feature only through its public face (its index.ts).
    // Entities are the exception: TypeORM loads them by file name, without the path aliases
    // that the rest of a feature's face needs, so they name each other's files.
    files: ['libs/domain/src/*/*.ts'],
    ignores: ['**/*.entity.ts'],
    rules: { 'no-restricted-imports': ['error', domainImports(1)] },
  },
  {
    files: ['libs/domain/src/*/*/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', domainImports(2)] },
  },
  {
    files: ['libs/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'libs/ must not import from apps/' },
            {
              group: ['@witness/domain', '@witness/domain/*', '**/domain/**'],
              message: 'platform knows nothing of the domain (docs/architecture.md)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@witness/domain/*/*', '**/libs/**'],
              message:
                'apps use the domain through @witness/domain or a feature face @witness/domain/<feature>',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.js', 'bench/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // The web app's one browser script (plain ES5, no build step).
    files: ['templates/web/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
