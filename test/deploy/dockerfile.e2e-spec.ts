import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { inBuildContext, loadDockerfile, readRepoFile, ROOT, stageChain } from './support';

/**
 * No Docker engine is needed: the Dockerfile is read as data, and what its stages copy is
 * checked against what the CLI (`witness`) needs at run time.
 */
describe('Dockerfile: every image carries the witness CLI', () => {
  const stages = loadDockerfile();
  const wrapper = readRepoFile('scripts/witness');
  /** dist/... paths the wrapper runs. */
  const entries = [...wrapper.matchAll(/\$root\/(dist\/[^"\s]+\.js)/g)].map((m) => m[1]);

  it('the wrapper runs the CLI and the demo seed from dist/', () => {
    expect(entries).toEqual(['dist/scripts/seed-demo.js', 'dist/apps/cli/src/main.js']);
  });

  it('builds every entry point of the CLI into dist/', () => {
    // The files `npm run build` (tsc -p tsconfig.build.json) compiles, as tsc lists them.
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.build.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    expect(config.options.outDir).toBe(join(ROOT, 'dist'));
    expect(config.options.rootDir).toBe(ROOT);
    for (const entry of entries) {
      const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(config.fileNames).toContain(join(ROOT, source));
      expect(inBuildContext(source)).toBe(true);
    }
    for (const path of ['scripts/witness', 'templates/emails', 'migrations', 'package-lock.json'])
      expect({ path, inContext: inBuildContext(path) }).toEqual({ path, inContext: true });
  });

  it('copies into the runtime what the CLI reads, and puts witness on the PATH', () => {
    const base = stages.find((s) => s.name === 'runtime-base')!;
    const copied = base.instructions
      .filter((i) => i.op === 'COPY' && i.args.startsWith('--from=build '))
      .map((i) => i.args.split(/\s+/)[1]);
    // package.json locates templates/; node_modules and dist are the code; scripts/witness the CLI.
    for (const path of ['/app/package.json', '/app/node_modules', '/app/dist', '/app/templates'])
      expect(copied).toContain(path);
    expect(copied).toContain('/app/scripts/witness');
    const runs = base.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs).toContainEqual(
      expect.stringContaining('ln -s /app/scripts/witness /usr/local/bin/witness'),
    );
    // backup and restore run pg_dump/pg_restore, from any image.
    expect(runs.join('\n')).toMatch(/apt-get install[^\n]*postgresql-client-15/);
    // The build stage compiles the whole tree and keeps production dependencies only.
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.instructions).toContainEqual({ op: 'COPY', args: '. .' });
    expect(build.instructions.find((i) => i.op === 'RUN')?.args).toMatch(/npm run build/);
  });

  it.each(['api', 'worker', 'backup'])('the %s image is built on the runtime with the CLI', (t) => {
    expect(stageChain(stages, t).map((s) => s.name)).toEqual([t, 'runtime-base']);
  });

  it('the wrapper is executable and a POSIX shell script', () => {
    expect(wrapper.startsWith('#!/bin/sh\n')).toBe(true);
    const check = spawnSync('sh', ['-n', join(ROOT, 'scripts', 'witness')]);
    expect(check.status).toBe(0);
    expect(spawnSync('test', ['-x', join(ROOT, 'scripts', 'witness')]).status).toBe(0);
  });

  const built = existsSync(join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'));
  (built ? it : it.skip)('witness --help lists the commands (after npm run build)', () => {
    const run = spawnSync(join(ROOT, 'scripts', 'witness'), ['--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const command of [
      'users:create',
      'db:migrate',
      'audit:verify',
      'keys:rotate',
      'backup',
      'restore',
      'seed:demo',
    ])
      expect(run.stdout).toContain(command);
  });
});
