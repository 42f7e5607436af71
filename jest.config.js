// One config: unit tests beside the code, service tests (domain services on a real database,
// no HTTP) under test/service, e2e tests under test/, and the fault suite (test/faults) that
// only `npm run test:faults` selects: it is not part of `npm test`.
// @swc/jest transforms TypeScript (type-checking is `npm run typecheck`), and the
// ignore pattern lets it also transform the few ESM-only packages deep in the tree.
const esmOnly = [
  'content-disposition',
  '@scure/base',
  '@noble/hashes',
  '@otplib/[a-z0-9-]+',
  'otplib',
  'intl-messageformat',
  '@formatjs/[a-z0-9-]+',
];
const shared = {
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmOnly.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    '^@witness/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    '^@witness/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
  },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
// The fault suite is listed only when asked for (`--selectProjects faults`), so a plain
// `jest` never runs it.
const faultsSelected = process.argv.some(
  (a, i, all) =>
    /^--selectProjects=(.*,)?faults(,|$)/.test(a) ||
    (a === 'faults' && all.slice(0, i).includes('--selectProjects')),
);
// The screenshots of the main pages (docs/screenshots) are taken only when asked for
// (`npm run screenshots`), never by a plain `jest`.
const screenshotsSelected = process.argv.some(
  (a, i, all) =>
    /^--selectProjects=(.*,)?screenshots(,|$)/.test(a) ||
    (a === 'screenshots' && all.slice(0, i).includes('--selectProjects')),
);
module.exports = {
  // e2e files boot the api and run child processes; unit tests finish far sooner.
  testTimeout: 60000,
  // Two worker processes even on two cores (jest would otherwise run in band, in its own
  // process, where every e2e file's Nest app and browser leave memory behind), and a worker
  // past 1.5 GB is replaced between files, so no run can grow until it is out of memory.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1536MB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      // Domain services in a Nest TestingModule on a clone of the migrated template: the
      // rules without HTTP. The same global setup as e2e (jest runs it once per run).
      displayName: 'service',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/service/**/*.service-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    ...(faultsSelected
      ? [
          {
            ...shared,
            displayName: 'faults',
            rootDir: __dirname,
            // Real processes, real outages: scenarios run one at a time (--runInBand).
            testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
            globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
            testTimeout: 300000,
          },
        ]
      : []),
    ...(screenshotsSelected
      ? [
          {
            ...shared,
            displayName: 'screenshots',
            rootDir: __dirname,
            testMatch: ['<rootDir>/test/screenshots/**/*.screens.ts'],
            globalSetup: '<rootDir>/test/support/global-setup.ts',
            globalTeardown: '<rootDir>/test/support/global-teardown.ts',
            testTimeout: 600000,
          },
        ]
      : []),
  ],
};
