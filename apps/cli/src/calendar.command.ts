import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decodeCalendarFile,
  locateCalendarImportErrors,
  parseCalendarCsv,
  parseCalendarIcal,
  sortCalendarErrors,
  type CalendarEntryInput,
  type CalendarEntrySource,
  type CalendarParseError,
  type UnCalendarService,
} from '@witness/domain';
import { ValidationFailedError, type Actor } from '@witness/platform';

export const CALENDAR_USAGE = `  calendar:import FILE [--format csv|ics] [--dry-run]
                             load UN calendar entries from a CSV or iCalendar file (format from
                             the extension unless given), all or nothing: every problem is
                             printed as FILE:LINE: field: message; --dry-run checks and writes nothing`;

const FORMATS = { csv: 'csv', ics: 'ics', ical: 'ics', ifb: 'ics' } as const;
type Format = (typeof FORMATS)[keyof typeof FORMATS];

/** A file read and parsed, before the application boots. */
export interface CalendarImportPlan {
  file: string;
  dryRun: boolean;
  entries: CalendarEntryInput[];
  sources: CalendarEntrySource[];
  /** Problems of the file itself (encoding, header, syntax, cells). */
  errors: CalendarParseError[];
  /** iCalendar events left out on purpose. */
  skipped: { line: number; reason: string }[];
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * `calendar:import`, first half: arguments, the file, its format and its parse. Needs no
 * database. Returns an exit code when it stops here (usage 2, unreadable file 1).
 */
export async function planCalendarImport(args: string[]): Promise<CalendarImportPlan | number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error(`calendar:import needs exactly one FILE\nusage:\n${CALENDAR_USAGE}`);
    return 2;
  }
  const [file] = positionals;
  const named = (values.format ?? extname(file).slice(1)).toLowerCase();
  const format: Format | undefined = FORMATS[named as keyof typeof FORMATS];
  if (!format) {
    console.error(
      values.format
        ? `--format must be csv or ics, not ${values.format}`
        : `cannot tell the format of ${file} from its extension: add --format csv or --format ics`,
    );
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  const decoded = decodeCalendarFile(bytes);
  const plan: CalendarImportPlan = {
    file,
    dryRun: values['dry-run'] ?? false,
    entries: [],
    sources: [],
    errors: decoded.errors,
    skipped: [],
  };
  if (decoded.text === null) return plan;
  const parsed =
    format === 'csv' ? parseCalendarCsv(decoded.text) : parseCalendarIcal(decoded.text);
  return { ...plan, ...parsed };
}

/**
 * `calendar:import`, second half: the entries checked by the calendar's rules, every problem
 * printed by line (stderr, exit 1, nothing written), then imported in one transaction as the
 * system actor.
 */
export async function runCalendarImport(
  calendar: UnCalendarService,
  plan: CalendarImportPlan,
  actor: Actor,
): Promise<number> {
  const ruleErrors = plan.entries.flatMap((e, i) => calendar.validateEntry(e, `entries[${i}].`));
  const problems = sortCalendarErrors([
    ...plan.errors,
    ...locateCalendarImportErrors(plan.sources, ruleErrors),
  ]);
  if (problems.length) return fail(plan, problems);

  for (const s of plan.skipped) out(`${plan.file}:${s.line}: skipped (${s.reason})`);
  try {
    const result = await calendar.importEntries(plan.entries, actor, { dryRun: plan.dryRun });
    const counts = `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}`;
    if (plan.dryRun) {
      const n = plan.entries.length;
      out(
        `dry run: ${n} ${n === 1 ? 'entry is' : 'entries are'} valid (${countByKind(plan.entries)}); nothing was written`,
      );
      out(`it would give: ${counts}`);
    } else out(counts);
    return 0;
  } catch (e) {
    // The import runs in one transaction: refused, it wrote nothing.
    if (e instanceof ValidationFailedError) {
      return fail(plan, locateCalendarImportErrors(plan.sources, e.errors));
    }
    throw e;
  }
}

function fail(plan: CalendarImportPlan, problems: CalendarParseError[]): number {
  for (const p of problems) {
    console.error(`${plan.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
  }
  console.error(
    `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: nothing was imported`,
  );
  return 1;
}

function countByKind(entries: CalendarEntryInput[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
