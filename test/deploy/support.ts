import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

/* eslint-disable @typescript-eslint/no-explicit-any */
export type ComposeService = Record<string, any> & {
  environment?: Record<string, string | null>;
  secrets?: (string | { source: string })[];
};
export interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
  networks: { default: { ipam: { config: { subnet: string; ip_range: string }[] } } };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * docker-compose.yml as data, read by a real YAML parser (python3's, as Docker Compose's own
 * reads it: anchors and `<<` merges resolved), without variable interpolation.
 */
export function loadCompose(): ComposeFile {
  const json = execFileSync(
    'python3',
    [
      '-c',
      'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)',
      join(ROOT, 'docker-compose.yml'),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(json) as ComposeFile;
}

export function secretNames(service: ComposeService): string[] {
  return (service.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));
}

/** `docker compose` or `docker-compose`, whichever this machine has; undefined for neither. */
export function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0)
    return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0)
    return ['docker-compose'];
  return undefined;
}

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export interface DockerStage {
  name: string;
  from: string;
  /** Instructions after FROM, continuation lines joined, comments dropped. */
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, in order (a small parser: enough for FROM/COPY/RUN/ENV/...). */
export function loadDockerfile(): DockerStage[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of readRepoFile('Dockerfile').split('\n')) {
    if (/^\s*#/.test(raw) && current === '') continue;
    if (/^\s*#/.test(raw)) continue; // comments inside a continued RUN
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) logical.push(current.trim());
    current = '';
  }
  const stages: DockerStage[] = [];
  for (const line of logical) {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ name: m[2] ?? `#${stages.length}`, from: m[1], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

/** The stage and every stage it is built FROM, nearest first. */
export function stageChain(stages: DockerStage[], name: string): DockerStage[] {
  const chain: DockerStage[] = [];
  for (let s = stages.find((x) => x.name === name); s; s = stages.find((x) => x.name === s!.from))
    chain.push(s);
  return chain;
}

/** Whether a .dockerignore pattern list leaves `path` in the build context (no ! rules). */
export function inBuildContext(path: string): boolean {
  const patterns = readRepoFile('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const glob = (p: string) =>
    new RegExp(
      `^${p
        .replace(/^\//, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '\u00a7')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace(/\u00a7/g, '(.*/)?')}(/.*)?$`,
    );
  return !patterns.some((p) => glob(p).test(path));
}
