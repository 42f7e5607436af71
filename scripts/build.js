#!/usr/bin/env node
// `npm run build:fast` (what `npm start` runs): compile the TypeScript that `npm run build`
// compiles (tsconfig.build.json: apps, libs, migrations and scripts, without tests) to the
// same dist/ layout with swc, file by file, without type-checking. The same transform runs
// every test (jest.config.js), and `npm run typecheck` / `npm run build` (tsc) stay the
// checks of CI and the images; this is only the quick way to a runnable dist/ (seconds,
// where tsc takes minutes on a small machine: docs/operations.md has the figures).
//
// Plain CommonJS with no dependencies beyond @swc/core (a devDependency), like start.js.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist');
const SOURCE_DIRS = ['apps', 'libs', 'migrations', 'scripts'];
/** As tsconfig.build.json's exclude: tests and the bench scripts are not built. */
const SKIP = (rel) =>
  /\.(e2e-)?spec\.ts$/.test(rel) ||
  rel.endsWith('.d.ts') ||
  rel.startsWith('scripts/bench') ||
  rel.split(path.sep).includes('node_modules');

function sources() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const rel = path.relative(ROOT, full);
        if (!SKIP(rel)) out.push(full);
      }
    }
  };
  for (const dir of SOURCE_DIRS)
    if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return out;
}

/** tsconfig.json's path aliases, which swc rewrites to relative requires (as tsc-alias does). */
function aliases() {
  const text = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
  return JSON.parse(text).compilerOptions.paths;
}

async function main() {
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const files = sources();
  const paths = aliases();
  const options = (file) => ({
    filename: file,
    sourceMaps: true,
    sourceFileName: path.relative(path.dirname(outFile(file)), file),
    swcrc: false,
    configFile: false,
    module: { type: 'commonjs' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
      baseUrl: ROOT,
      paths,
    },
  });
  await Promise.all(
    files.map(async (file) => {
      const { code, map } = await swc.transformFile(file, options(file));
      const target = outFile(file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const mapName = `${path.basename(target)}.map`;
      fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${mapName}\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
    }),
  );
  process.stderr.write(
    `[build] ${files.length} files compiled with swc in ${((Date.now() - started) / 1000).toFixed(1)} s (not type-checked: npm run typecheck)\n`,
  );
}

function outFile(file) {
  return path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
}

main().catch((err) => {
  process.stderr.write(`[build] failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
