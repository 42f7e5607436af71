import { readFileSync } from 'node:fs';
import { CONFIG_DOC, renderConfigDocs } from './config-docs';

describe('docs/configuration.md', () => {
  it('is what `npm run docs:config` makes of the configuration schema today', () => {
    // A variable added, removed or re-documented in env.ts without regenerating fails here.
    expect(readFileSync(CONFIG_DOC, 'utf8')).toBe(renderConfigDocs());
  });

  it('lists every variable of the schema with its default', () => {
    const doc = renderConfigDocs();
    expect(doc).toContain('| `PORT` | `3000` |');
    expect(doc).toContain('| `DATABASE_URL` | `postgres://postgres@127.0.0.1:5432/witness` |');
    expect(doc).toContain('| `SMTP_URL` | (none) |');
    expect(doc).toMatch(/\| `LOG_LEVEL` \| `info` \| .*One of `fatal`, `error`/);
  });
});
