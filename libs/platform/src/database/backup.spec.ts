import {
  backupBaseName,
  compareWithManifest,
  databaseNameOf,
  manifestPathFor,
  sanitizeToolOutput,
  splitPassword,
} from './backup';

describe('backup helpers', () => {
  it('names files by the snapshot time, to the second, in UTC', () => {
    expect(backupBaseName(new Date('2026-06-15T10:04:05.678Z'))).toBe('witness-20260615T100405Z');
    expect(manifestPathFor('/var/backups/witness-20260615T100405Z.dump')).toBe(
      '/var/backups/witness-20260615T100405Z.manifest.json',
    );
  });

  it('takes the password out of a URL (it goes to PGPASSWORD, never a command line)', () => {
    expect(
      splitPassword('postgres://app:s%40cret@db.internal:5432/witness?sslmode=require'),
    ).toEqual({
      url: 'postgres://app@db.internal:5432/witness?sslmode=require',
      password: 's@cret',
    });
    expect(splitPassword('postgres://postgres@127.0.0.1/witness')).toEqual({
      url: 'postgres://postgres@127.0.0.1/witness',
      password: undefined,
    });
    expect(databaseNameOf('postgres://a:b@h/witness_prod?x=1')).toBe('witness_prod');
  });

  it('keeps only the tools’ error lines, without row contents or quoted values', () => {
    const stderr = [
      'pg_restore: connecting to database for restore',
      'pg_restore: error: COPY failed for table "defenders": ERROR:  invalid input syntax for type uuid: "Amina Haddad"',
      'CONTEXT:  COPY defenders, line 3, column id: "Amina Haddad"',
      'pg_restore: error: could not execute query: ERROR:  duplicate key value violates unique constraint "users_email_key"',
      'DETAIL:  Key (email)=(amina@example.org) already exists.',
      'Command was: COPY public.users (id, email) FROM stdin;',
    ].join('\n');
    const out = sanitizeToolOutput(stderr);
    expect(out).not.toContain('Amina');
    expect(out).not.toContain('amina@example.org');
    expect(out).not.toContain('Command was');
    expect(out).toContain('COPY failed for table "defenders"');
    expect(out).toContain('duplicate key value violates unique constraint');
    expect(sanitizeToolOutput('')).toBe('no error message');
  });

  it('names every difference between a manifest and a database', () => {
    const manifest = {
      tables: { defenders: 10, users: 3, outbox: 0 },
      audit: { rows: 40, head: 'a'.repeat(64) },
      migration: { last: 'ReportIndexes1795896100000', count: 9 },
    };
    const same = {
      tables: { defenders: 10, users: 3, outbox: 0 },
      audit: { ok: true, rows: 40, head: 'a'.repeat(64) },
      migration: { last: 'ReportIndexes1795896100000', count: 9 },
    };
    expect(compareWithManifest(manifest, same)).toEqual([]);
    expect(
      compareWithManifest(manifest, {
        tables: { defenders: 9, users: 3, extra: 1 },
        audit: { ok: true, rows: 41, head: 'b'.repeat(64) },
        migration: { last: 'CaseRecords1795885974026', count: 1 },
      }),
    ).toEqual([
      'table defenders: 9 rows, the manifest says 10',
      'table extra is not in the manifest',
      'table outbox is missing',
      'last migration is CaseRecords1795885974026, the manifest says ReportIndexes1795896100000',
      'audit chain has 41 rows, the manifest says 40',
      `audit chain head ${'b'.repeat(64)} is not the manifest's`,
    ]);
    expect(
      compareWithManifest(manifest, {
        ...same,
        audit: {
          ok: false,
          rows: 0,
          head: null,
          reason: 'chain position 7: content does not match its hash',
        },
      }),
    ).toEqual(['audit chain does not verify: chain position 7: content does not match its hash']);
  });
});
