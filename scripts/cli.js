#!/usr/bin/env node
// `npm run cli -- <command>`: runs the built CLI when there is one (production images),
// otherwise the TypeScript source (development checkouts).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (existsSync(built) && process.env.WITNESS_CLI_FROM_SOURCE !== '1') {
  require(built);
} else {
  require('ts-node').register({
    transpileOnly: true,
    project: join(__dirname, '..', 'tsconfig.json'),
  });
  require('tsconfig-paths/register');
  require(join(__dirname, '..', 'apps', 'cli', 'src', 'main.ts'));
}
