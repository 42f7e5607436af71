import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/**
 * `templates/<sub>` at the repository (or image) root: the nearest folder above this file
 * with a package.json. Works from the TypeScript sources, from `dist/` and in the image.
 */
export function templatesDir(sub: string): string {
  if (!root) {
    for (let dir = __dirname; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json'))) {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) {
        throw new Error(`No package.json found above ${__dirname}; cannot locate templates/`);
      }
    }
  }
  return join(root, 'templates', sub);
}
