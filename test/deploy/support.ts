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
