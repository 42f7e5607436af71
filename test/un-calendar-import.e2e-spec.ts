import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCli } from './support/cli';
import { cloneTestDatabase } from './support/database';

const SAMPLES = join(__dirname, '..', 'scripts', 'samples');

const CSV_HEADER =
  'kind,number,body,title,starts_on,ends_on,location,countries,written_statement_due,' +
  'case_cutoff,submission_due,stakeholder_submission_due,notes,sample';
const HRC64 =
  'hrc_session,64,,"Human Rights Council, 64th regular session",2027-02-22,2027-04-02,Geneva,,2027-02-01,,,,,false';
const WGAD108 =
  'wgad_session,108,,"Working Group on Arbitrary Detention, 108th session",2027-04-19,2027-04-28,Geneva,,,2027-02-26,,,,false';
const UPR55 =
  'upr_session,55,,"UPR Working Group, 55th session",2027-04-26,2027-05-07,Geneva,BH;EC;TN,,,,2026-10-05;TN=2026-10-12,"Two\nlines",false';
const ACHPR88 =
  'regional_session,88,achpr,"ACHPR 88th Ordinary Session",2027-04-21,2027-05-05,Banjul,,,,2027-03-22,,,false';
const HRC65 =
  'hrc_session,65,,"Human Rights Council, 65th regular session",2027-06-14,2027-07-09,Geneva,,2027-05-24,,,,,false';
const UPR56 =
  'upr_session,56,,"UPR Working Group, 56th session",2027-11-01,2027-11-12,Geneva,BW;BS,,,,2027-04-12,,false';

/** The same three sessions as HRC64, WGAD108 and UPR55, as Witness's iCalendar mapping writes them. */
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//EN',
  'BEGIN:VEVENT',
  'UID:hrc-64@test',
  'DTSTAMP:20260101T000000Z',
  'SUMMARY:Human Rights Council\\, 64th regular session',
  'DTSTART;VALUE=DATE:20270222',
  'DTEND;VALUE=DATE:20270403',
  'LOCATION:Geneva',
  'X-WITNESS-KIND:hrc_session',
  'X-WITNESS-NUMBER:64',
  'X-WITNESS-DEADLINE;X-KIND=written_statement:20270201',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:wgad-108@test',
  'DTSTAMP:20260101T000000Z',
  'SUMMARY:Working Group on Arbitrary Detention\\, 108th session',
  'DTSTART;VALUE=DATE:20270419',
  'DTEND;VALUE=DATE:20270429',
  'LOCATION:Geneva',
  'CATEGORIES:wgad_session',
  'X-WITNESS-DEADLINE;X-KIND=case_cutoff:20270226',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:upr-55@test',
  'DTSTAMP:20260101T000000Z',
  'SUMMARY:UPR Working Group\\, 55th session',
  'DTSTART;VALUE=DATE:20270426',
  'DTEND;VALUE=DATE:20270508',
  'LOCATION:Geneva',
  'DESCRIPTION:Two\\nlines',
  'X-WITNESS-KIND:upr_session',
  'X-WITNESS-NUMBER:55',
  'X-WITNESS-COUNTRIES:BH,EC,TN',
  'X-WITNESS-DEADLINE;X-KIND=stakeholder_submission:20261005',
  'X-WITNESS-DEADLINE;X-KIND=stakeholder_submission;X-COUNTRY=TN:20261012',
  'X-WITNESS-SAMPLE:FALSE',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:upr-55-d1@test',
  'DTSTAMP:20260101T000000Z',
  'SUMMARY:UPR 55: stakeholder submission due',
  'DTSTART;VALUE=DATE:20261005',
  'X-WITNESS-DEADLINE-OF:upr-55@test',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/**
 * `npm run cli -- calendar:import FILE` against a real database (each run boots the CLI from
 * source, so tests that run it several times get a longer timeout): CSV and iCalendar files, all
 * or nothing, idempotent re-imports, problems printed as FILE:LINE: field: message.
 */
describe('calendar:import (CLI)', () => {
  let dir: string;
  const databases: { url: string; drop: () => Promise<void> }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witness-calendar-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await Promise.all(databases.map((d) => d.drop()));
  });

  /** A fresh database, and a way to run the CLI and query against it. */
  const freshDatabase = async () => {
    const database = await cloneTestDatabase();
    databases.push(database);
    const cli = (...args: string[]) =>
      runCli(['calendar:import', ...args], { DATABASE_URL: database.url });
    const query = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => {
      const c = new Client({ connectionString: database.url });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows as T[];
      } finally {
        await c.end();
      }
    };
    /** What an import can write: entries, deadlines, their audit rows and sync requests. */
    const counts = async () => {
      const [row] = await query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM un_calendar_entries) AS entries,
                (SELECT count(*) FROM un_calendar_deadlines) AS deadlines,
                (SELECT count(*) FROM audit_events WHERE action LIKE 'un_calendar.%') AS audits,
                (SELECT count(*) FROM outbox) AS outbox`,
      );
      return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    };
    return { cli, query, counts };
  };

  const file = async (name: string, content: string | Buffer): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
  const csv = (...rows: string[]) => [CSV_HEADER, ...rows].join('\r\n') + '\r\n';

  describe('a calendar imported, imported again, then edited', () => {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    beforeAll(async () => {
      db = await freshDatabase();
    });

    it('imports a CSV file in one go, as the system', async () => {
      const path = await file('calendar.csv', csv(HRC64, WGAD108, UPR55));
      const res = await db.cli(path);
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
      expect(res.stdout).toBe('created 3, updated 0, unchanged 0\n');

      const entries = await db.query(
        `SELECT kind, number, body, title, starts_on::text, ends_on::text, location, countries, notes, sample
           FROM un_calendar_entries ORDER BY starts_on`,
      );
      expect(entries).toEqual([
        {
          kind: 'hrc_session',
          number: 64,
          body: '',
          title: 'Human Rights Council, 64th regular session',
          starts_on: '2027-02-22',
          ends_on: '2027-04-02',
          location: 'Geneva',
          countries: [],
          notes: null,
          sample: false,
        },
        expect.objectContaining({ kind: 'wgad_session', number: 108, starts_on: '2027-04-19' }),
        expect.objectContaining({
          kind: 'upr_session',
          number: 55,
          countries: ['BH', 'EC', 'TN'],
          notes: 'Two\nlines',
        }),
      ]);
      const deadlines = await db.query(
        `SELECT e.number, d.kind, d.due_on::text AS due_on, d.country
           FROM un_calendar_deadlines d JOIN un_calendar_entries e ON e.id = d.entry_id
          ORDER BY e.number, d.kind, d.country`,
      );
      expect(deadlines).toEqual([
        { number: 55, kind: 'stakeholder_submission', due_on: '2026-10-05', country: '' },
        { number: 55, kind: 'stakeholder_submission', due_on: '2026-10-12', country: 'TN' },
        { number: 64, kind: 'written_statement', due_on: '2027-02-01', country: '' },
        { number: 108, kind: 'case_cutoff', due_on: '2027-02-26', country: '' },
      ]);
      // Audited as the system, and each entry's milestones asked for in the same transaction.
      const audits = await db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE action LIKE 'un_calendar.%'`,
      );
      expect(audits.map((a) => a.action)).toEqual(Array(3).fill('un_calendar.create'));
      expect((await db.counts()).outbox).toBeGreaterThanOrEqual(3);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await db.counts();
      const res = await db.cli(join(dir, 'calendar.csv'));
      expect({ code: res.code, stdout: res.stdout, stderr: res.stderr }).toEqual({
        code: 0,
        stdout: 'created 0, updated 0, unchanged 3\n',
        stderr: '',
      });
      expect(await db.counts()).toEqual(before);
    });

    it('finds the same sessions in an iCalendar file of the same calendar', async () => {
      const before = await db.counts();
      const res = await db.cli(await file('calendar.ics', ICS));
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
      // The feed's deadline event is left out, and said so.
      expect(res.stdout).toBe(
        `${join(dir, 'calendar.ics')}:40: skipped (a feed's deadline event (X-WITNESS-DEADLINE-OF))\n` +
          'created 0, updated 0, unchanged 3\n',
      );
      expect(await db.counts()).toEqual(before);
    });

    it('updates an entry whose dates moved, and adds a new one', async () => {
      const moved = HRC64.replace('2027-02-22,2027-04-02', '2027-03-01,2027-04-09');
      const res = await db.cli(await file('moved.csv', csv(moved, WGAD108, UPR55, ACHPR88)));
      expect({ code: res.code, stdout: res.stdout, stderr: res.stderr }).toEqual({
        code: 0,
        stdout: 'created 1, updated 1, unchanged 2\n',
        stderr: '',
      });
      expect(
        await db.query(
          `SELECT starts_on::text, ends_on::text, version FROM un_calendar_entries WHERE number = 64`,
        ),
      ).toEqual([{ starts_on: '2027-03-01', ends_on: '2027-04-09', version: expect.any(Number) }]);
      const audits = await db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE action = 'un_calendar.update'`,
      );
      expect(audits).toHaveLength(1);
    });

    it('reads the format from --format when the extension does not tell it', async () => {
      const res = await db.cli(await file('calendar.txt', ICS), '--format', 'ics');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/created 0, updated 1, unchanged 2\n$/); // HRC 64 moves back
    });
  });

  describe('bad files: every problem by line, nothing written', () => {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    beforeAll(async () => {
      db = await freshDatabase();
    });

    it('writes nothing from a file of five good rows and one bad one', async () => {
      const before = await db.counts();
      expect(before.entries).toBe(0);
      const bad = UPR56.replace('2027-11-12', '2027-11-31');
      const path = await file('one-bad.csv', csv(HRC64, WGAD108, UPR55, ACHPR88, bad, HRC65));
      const res = await db.cli(path);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      // UPR55's notes run over two lines, so the bad row (the fifth) is on line 7.
      expect(res.stderr).toBe(
        `${path}:7: ends_on: 2027-11-31 is not a date of the calendar\n1 problem: nothing was imported\n`,
      );
      expect(await db.counts()).toEqual(before);
    });

    it("reports every problem of a CSV file at once, with the file's line and column", async () => {
      const path = await file(
        'many-bad.csv',
        csv(
          HRC64.replace('2027-04-02', '2027-02-01'), // 2: ends before it starts
          WGAD108.replace(',2027-02-26,', ',26/02/2027,'), // 3: a spreadsheet's date
          UPR55.replace('BH;EC;TN', 'BH;EC;XX').replace('TN=2026-10-12', 'TD=2026-10-12'), // 4-5
          HRC64.replace('hrc_session', 'hrc'), // 6: no such kind
          HRC64, // 7: the same session as line 2
        ),
      );
      const res = await db.cli(path);
      expect(res.code).toBe(1);
      expect(res.stderr.trimEnd().split('\n')).toEqual([
        `${path}:2: ends_on: must be on or after startsOn`,
        `${path}:3: case_cutoff: "26/02/2027" must be a date written YYYY-MM-DD, e.g. 2027-02-22 (a spreadsheet may have reformatted it: format the column as text)`,
        `${path}:4: countries: must be an ISO 3166-1 alpha-2 code in capitals, e.g. BD`,
        `${path}:4: stakeholder_submission_due: must be one of the entry’s countries`,
        `${path}:6: kind: must be one of hrc_session, wgad_session, upr_session, regional_session`,
        `${path}:7: is the same session as line 2 (entries are matched on kind, body and number, or on kind, title and start date when there is no number)`,
        '6 problems: nothing was imported',
      ]);
      expect(await db.counts()).toEqual({ entries: 0, deadlines: 0, audits: 0, outbox: 0 });
    });

    it('reports the header, the quoting and the encoding of a CSV file by line', async () => {
      const header = await db.cli(await file('header.csv', 'kind,title,start,ends_on\nx,y,z,w\n'));
      expect(header.code).toBe(1);
      expect(header.stderr).toContain(':1: start: is not a known column (known: kind, number,');
      expect(header.stderr).toContain(':1: starts_on: is a required column\n');

      const latin1 = Buffer.concat([
        Buffer.from(`${CSV_HEADER}\n${HRC64}\n`),
        Buffer.from('hrc_session,65,,"Conseil des droits de l', 'latin1'),
        Buffer.from([0xe9]), // é in Latin-1: not UTF-8
        Buffer.from('homme",2027-06-14,2027-07-09,,,,,,,,false\n'),
      ]);
      const path = await file('latin1.csv', latin1);
      const encoding = await db.cli(path);
      expect(encoding.code).toBe(1);
      expect(encoding.stderr).toBe(
        `${path}:3: is not valid UTF-8: save the file as UTF-8 and try again\n1 problem: nothing was imported\n`,
      );
      expect((await db.counts()).entries).toBe(0);
    }, 180_000);

    it('reports every problem of an iCalendar file by the line of its event or property', async () => {
      const text = ICS.replace('DTEND;VALUE=DATE:20270403', 'DTEND;VALUE=DATE:20270431') // line 9
        .replace(
          'X-WITNESS-DEADLINE;X-KIND=case_cutoff:20270226',
          'X-WITNESS-DEADLINE;X-KIND=cutoff:20270226',
        ) // 23
        .replace('SUMMARY:UPR Working Group\\, 55th session', 'SUMMARY:Staff retreat') // 28
        .replace('X-WITNESS-KIND:upr_session\r\n', ''); // so the event at line 25 has no kind
      const path = await file('bad.ics', text);
      const res = await db.cli(path);
      expect(res.code).toBe(1);
      expect(res.stderr.trimEnd().split('\n')).toEqual([
        `${path}:9: DTEND: 2027-04-31 is not a date of the calendar`,
        `${path}:23: X-WITNESS-DEADLINE: X-KIND must be one of written_statement, side_event_request, oral_statement_registration, case_cutoff, stakeholder_submission, submission, other`,
        `${path}:25: cannot tell which kind of session "Staff retreat" is: set X-WITNESS-KIND or CATEGORIES to one of hrc_session, wgad_session, upr_session, regional_session, or name the body in SUMMARY (Human Rights Council, Working Group on Arbitrary Detention, Universal Periodic Review, African Commission, Inter-American Commission)`,
        '3 problems: nothing was imported',
      ]);
      const broken = await db.cli(
        await file(
          'broken.ics',
          ICS.replace('END:VEVENT\r\nBEGIN:VEVENT\r\nUID:wgad', 'BEGIN:VEVENT\r\nUID:wgad'),
        ),
      );
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(
        ':46: END:VCALENDAR found where BEGIN:VEVENT of line 4 should end\n',
      );
      expect(await db.counts()).toEqual({ entries: 0, deadlines: 0, audits: 0, outbox: 0 });
    }, 180_000);

    it('refuses what it cannot read before touching the database', async () => {
      const noFile = await db.cli();
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toContain('calendar:import needs exactly one FILE');
      const format = await db.cli(await file('calendar.xlsx', 'x'));
      expect(format.code).toBe(2);
      expect(format.stderr).toContain('add --format csv or --format ics');
      const badFormat = await db.cli(join(dir, 'calendar.csv'), '--format', 'xml');
      expect(badFormat.code).toBe(2);
      const missing = await db.cli(join(dir, 'no-such-file.csv'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^cannot read .*no-such-file\.csv: ENOENT/);
      const option = await db.cli(join(dir, 'one-bad.csv'), '--force');
      expect(option.code).toBe(1);
      expect(option.stderr).toContain("Unknown option '--force'");
      expect(await db.counts()).toEqual({ entries: 0, deadlines: 0, audits: 0, outbox: 0 });
    }, 180_000);
  });

  describe('--dry-run', () => {
    it('checks a file and writes nothing', async () => {
      const db = await freshDatabase();
      const path = await file('dry.csv', csv(HRC64, WGAD108, UPR55));
      const res = await db.cli(path, '--dry-run');
      expect({ code: res.code, stdout: res.stdout, stderr: res.stderr }).toEqual({
        code: 0,
        stdout:
          'dry run: 3 entries are valid (1 hrc_session, 1 wgad_session, 1 upr_session); nothing was written\n' +
          'it would give: created 3, updated 0, unchanged 0\n',
        stderr: '',
      });
      const bad = await db.cli(await file('dry-bad.csv', csv(HRC64, HRC64)), '--dry-run');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`dry-bad.csv:3: is the same session as line 2`);
      expect(await db.counts()).toEqual({ entries: 0, deadlines: 0, audits: 0, outbox: 0 });
    }, 180_000);
  });

  describe('the shipped samples', () => {
    it('import cleanly, CSV and iCalendar alike, every entry flagged as a sample', async () => {
      const db = await freshDatabase();
      const fromCsv = await db.cli(join(SAMPLES, 'un-calendar.sample.csv'));
      expect({ code: fromCsv.code, stdout: fromCsv.stdout, stderr: fromCsv.stderr }).toEqual({
        code: 0,
        stdout: 'created 10, updated 0, unchanged 0\n',
        stderr: '',
      });
      const fromIcs = await db.cli(join(SAMPLES, 'un-calendar.sample.ics'));
      expect({ code: fromIcs.code, stdout: fromIcs.stdout, stderr: fromIcs.stderr }).toEqual({
        code: 0,
        stdout: 'created 0, updated 0, unchanged 10\n',
        stderr: '',
      });
      const rows = await db.query<{ kind: string; n: string; samples: string; caveats: string }>(
        `SELECT kind, count(*) AS n, count(*) FILTER (WHERE sample) AS samples,
                count(*) FILTER (WHERE notes LIKE 'Sample: check against OHCHR''s published calendar before relying on it%') AS caveats
           FROM un_calendar_entries GROUP BY kind ORDER BY kind`,
      );
      expect(rows).toEqual([
        { kind: 'hrc_session', n: '3', samples: '3', caveats: '3' },
        { kind: 'regional_session', n: '1', samples: '1', caveats: '1' },
        { kind: 'upr_session', n: '3', samples: '3', caveats: '3' },
        { kind: 'wgad_session', n: '3', samples: '3', caveats: '3' },
      ]);
    }, 180_000);
  });
});
