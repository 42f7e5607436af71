import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DefendersService,
  MilestonesService,
  UnCalendarService,
  UsersService,
  CALENDAR_ENTRY_KINDS,
  DEADLINE_KINDS,
  REGIONAL_BODIES,
  deadlineTitle,
  shortName,
  type AuthenticatedActor,
  type CalendarEntryView,
  type MilestoneView,
  countryNameFor,
} from '@witness/domain';
import {
  AppError,
  Clock,
  NotFoundError,
  PreconditionRequiredError,
  ValidationFailedError,
} from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import {
  CreateCalendarEntryDto,
  OpportunityQueryDto,
  UpdateCalendarEntryDto,
} from '../un-calendar/un-calendar.dto';
import { isMonth, monthGrid, shiftMonth } from './calendar-web.util';
import { Views, type FieldErrorMap, type WebRequest } from './views';
import { ANY_ROLE } from './web-auth.controller';
import {
  checkbox,
  errorMap,
  formErrors,
  integer,
  list,
  refill,
  text,
  validateAs,
  type FormBody,
} from './web-form';
import { dueLabel, knownZone, queryWith, withNotice } from './work-web.util';

const DECIDERS = ['coordinator', 'admin'] as const;
/** Empty deadline rows a form offers beyond those the entry has. */
const SPARE_DEADLINE_ROWS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Milestones a month view shows at most (then it points to the list). */
const MONTH_CAP = 400;
const PAGE_SIZE = 50;

interface DayItem {
  kind: 'session' | 'deadline' | 'milestone';
  label: string;
  href: string;
  /** For milestones: the time in the user's zone, or nothing when all-day. */
  time?: string;
  detail?: string;
  done?: boolean;
}

/**
 * The calendar: a month of the user's milestones (or every case's they may see) beside the
 * UN calendar's sessions and deadlines, and each session's windows for action. The same
 * services and access as the API: a case the user may not see is not there.
 */
@ApiExcludeController()
@Controller('app/calendar')
export class CalendarWebController {
  constructor(
    private readonly views: Views,
    private readonly calendar: UnCalendarService,
    private readonly milestones: MilestonesService,
    private readonly defenders: DefendersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async month(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: FormBody,
  ) {
    const tz = knownZone((await this.users.get(actor.userId)).timeZone);
    const today = dueLabel({ dueAt: this.clock.now().toISOString(), allDay: false }, tz).slice(
      0,
      10,
    );
    const asked = text(query, 'month');
    const errors: FieldErrorMap = {};
    if (asked !== undefined && !isMonth(asked))
      errors.month = this.views.tr(req, 'calendar.badMonth');
    const month = isMonth(asked) ? asked : today.slice(0, 7);
    const scope = text(query, 'scope') === 'all' ? 'all' : 'mine';
    const weeks = monthGrid(month, today);
    const first = weeks[0][0].iso;
    const last = weeks[weeks.length - 1][6].iso;

    const [entries, found] = await Promise.all([
      this.calendar.list({ from: first, to: last }, actor),
      this.monthMilestones(actor, first, last, scope),
    ]);
    const names = await this.defenders.names(
      found.milestones.map((m) => m.defenderId).filter((x): x is string => !!x),
      actor,
    );
    const byDay = new Map<string, DayItem[]>();
    const add = (date: string, item: DayItem) =>
      byDay.set(date, [...(byDay.get(date) ?? []), item]);
    for (const e of entries) {
      const href = `/app/calendar/entries/${e.id}`;
      // A session shows on each of its days in this grid (its name on the first one shown).
      for (const w of weeks)
        for (const d of w)
          if (d.iso >= e.startsOn && d.iso <= e.endsOn)
            add(d.iso, {
              kind: 'session',
              label: shortName(e),
              href,
              detail: d.iso === e.startsOn || d.iso === first ? e.title : undefined,
            });
      for (const dl of e.deadlines)
        add(dl.dueOn, { kind: 'deadline', label: deadlineTitle(e, dl), href });
    }
    for (const m of found.milestones) {
      const due = dueLabel(m, tz);
      add(due.slice(0, 10), {
        kind: 'milestone',
        label: m.title,
        href: `/app/milestones/${m.id}`,
        time: m.allDay ? undefined : due.slice(11),
        detail: m.defenderId
          ? (names.get(m.defenderId) ?? this.views.tr(req, 'calendar.restrictedCase'))
          : undefined,
        done: m.status === 'done',
      });
    }
    const order = { session: 0, deadline: 1, milestone: 2 };
    const grid = weeks.map((w) =>
      w.map((d) => ({
        ...d,
        items: (byDay.get(d.iso) ?? []).sort(
          (a, b) => order[a.kind] - order[b.kind] || (a.time ?? '').localeCompare(b.time ?? ''),
        ),
      })),
    );
    const params = { month, scope: scope === 'all' ? 'all' : undefined };
    return this.views.send(
      req,
      reply,
      'calendar/month',
      {
        month,
        monthLabel: new Intl.DateTimeFormat(this.views.lang(req), {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(`${month}-01T00:00:00Z`)),
        weekdays: [...Array(7)].map((_, i) =>
          new Intl.DateTimeFormat(this.views.lang(req), {
            weekday: 'short',
            timeZone: 'UTC',
          }).format(
            new Date(Date.UTC(2024, 0, 1 + i)), // 1 January 2024 was a Monday
          ),
        ),
        weeks: grid,
        scope,
        scopeOptions: [
          { value: 'mine', label: this.views.tr(req, 'calendar.mine') },
          { value: 'all', label: this.views.tr(req, 'calendar.all') },
        ],
        errors: Object.keys(errors).length ? errors : undefined,
        timeZone: tz,
        truncated: found.truncated,
        listUrl: `/app/milestones${queryWith({}, { from: first, to: last, status: 'any', mine: scope === 'mine' ? '1' : undefined })}`,
        prevUrl: `/app/calendar${queryWith(params, { month: shiftMonth(month, -1) })}`,
        nextUrl: `/app/calendar${queryWith(params, { month: shiftMonth(month, 1) })}`,
        todayUrl: `/app/calendar${queryWith(params, { month: undefined })}`,
        mineUrl: `/app/calendar${queryWith(params, { scope: undefined })}`,
        allUrl: `/app/calendar${queryWith(params, { scope: 'all' })}`,
        upcoming: entries.filter((e) => e.endsOn >= today),
      },
      { title: 'calendar.title', section: 'calendar', status: errors.month ? 400 : 200 },
    );
  }

  @Get('entries/:id')
  @Roles(...ANY_ROLE)
  async entry(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') id: string,
    @Query() query: FormBody,
  ) {
    if (!UUID.test(id)) throw new NotFoundError('calendar entry', id);
    const country = text(query, 'country');
    const errors: FieldErrorMap = {};
    let page: Awaited<ReturnType<UnCalendarService['opportunities']>> | null = null;
    try {
      const dto = await validateAs(OpportunityQueryDto, {
        ...(country ? { country } : {}),
        ...(text(query, 'cursor') ? { cursor: text(query, 'cursor') } : {}),
        limit: PAGE_SIZE,
      });
      page = await this.calendar.opportunities(id, dto, actor);
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      Object.assign(errors, errorMap(err.errors));
    }
    const entry: CalendarEntryView = page?.entry ?? (await this.calendar.get(id, actor));
    const params = { country };
    return this.views.send(
      req,
      reply,
      'calendar/entry',
      {
        entry,
        name: shortName(entry),
        deadlines: entry.deadlines.map((d) => ({ ...d, title: deadlineTitle(entry, d) })),
        rows: page?.data ?? [],
        reasonText: page?.data[0]?.reasonText,
        countryOptions: entry.countries.map((c) => ({
          value: c,
          label: countryNameFor(c, this.views.lang(req)) ?? c,
        })),
        country: country ?? '',
        errors: Object.keys(errors).length ? errors : undefined,
        nextUrl: page?.nextCursor
          ? `/app/calendar/entries/${id}${queryWith(params, { cursor: page.nextCursor })}`
          : undefined,
        firstUrl: text(query, 'cursor')
          ? `/app/calendar/entries/${id}${queryWith(params, {})}`
          : undefined,
        monthUrl: `/app/calendar?month=${entry.startsOn.slice(0, 7)}`,
      },
      {
        title: 'calendar.entry.title',
        titleParams: { name: shortName(entry) },
        section: 'calendar',
        status: Object.keys(errors).length ? 400 : 200,
      },
    );
  }

  @Get('entries/new')
  @Roles(...DECIDERS)
  async newEntry(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.entryForm(req, reply, null, {}, undefined, 200);
  }

  @Post('entries/new')
  @Roles(...DECIDERS)
  async createEntry(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    try {
      const dto = await validateAs(CreateCalendarEntryDto, entryInput(body));
      const view = await this.calendar.create(dto, actor);
      return reply.redirect(
        withNotice(`/app/calendar/entries/${view.id}`, 'calendar.notices.created'),
        303,
      );
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.entryForm(req, reply, null, refill(body), errors, 400);
    }
  }

  @Get('entries/:id/edit')
  @Roles(...DECIDERS)
  async editEntry(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') id: string,
  ) {
    if (!UUID.test(id)) throw new NotFoundError('calendar entry', id);
    const entry = await this.calendar.get(id, actor);
    return this.entryForm(req, reply, entry, formOf(entry), undefined, 200);
  }

  @Post('entries/:id/edit')
  @Roles(...DECIDERS)
  async updateEntry(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') id: string,
    @Body() body: FormBody,
  ) {
    if (!UUID.test(id)) throw new NotFoundError('calendar entry', id);
    const current = await this.calendar.get(id, actor);
    const version = integer(body, 'version');
    try {
      if (typeof version !== 'number') throw new PreconditionRequiredError();
      const dto = await validateAs(UpdateCalendarEntryDto, entryInput(body));
      await this.calendar.update(id, dto, version, actor);
      return reply.redirect(
        withNotice(`/app/calendar/entries/${id}`, 'calendar.notices.saved'),
        303,
      );
    } catch (err) {
      // Someone saved the entry meanwhile: show their version's number, keep what was typed.
      if (err instanceof AppError && /precondition/.test(err.code)) {
        return this.entryForm(
          req,
          reply,
          current,
          { ...refill(body), version: String(current.version) },
          { _: this.views.tr(req, 'calendar.form.stale') },
          409,
        );
      }
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.entryForm(req, reply, current, refill(body), errors, 400);
    }
  }

  @Post('entries/:id/delete')
  @Roles(...DECIDERS)
  async deleteEntry(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') id: string,
  ) {
    if (!UUID.test(id)) throw new NotFoundError('calendar entry', id);
    await this.calendar.remove(id, actor);
    return reply.redirect('/app/calendar?notice=calendar.notices.removed', 303);
  }

  private entryForm(
    req: WebRequest,
    reply: FastifyReply,
    entry: CalendarEntryView | null,
    values: FormBody,
    errors: Record<string, string> | undefined,
    status: number,
  ) {
    const rows = deadlineRows(values);
    return this.views.send(
      req,
      reply,
      'calendar/form',
      {
        entry,
        values,
        errors,
        kinds: CALENDAR_ENTRY_KINDS,
        bodies: REGIONAL_BODIES,
        deadlineKinds: DEADLINE_KINDS,
        rows: [
          ...rows,
          ...Array.from({ length: SPARE_DEADLINE_ROWS }, () => ({
            kind: '',
            dueOn: '',
            country: '',
            label: '',
          })),
        ].map((r, i) => ({ ...r, i, n: i + 1 })),
        action: entry ? `/app/calendar/entries/${entry.id}/edit` : '/app/calendar/entries/new',
      },
      {
        title: entry ? 'calendar.form.editTitle' : 'calendar.form.newTitle',
        titleParams: entry ? { name: shortName(entry) } : {},
        section: 'calendar',
        status,
      },
    );
  }

  /** The month's milestones (not cancelled), up to MONTH_CAP, page by page. */
  private async monthMilestones(
    actor: AuthenticatedActor,
    first: string,
    last: string,
    scope: 'mine' | 'all',
  ): Promise<{ milestones: MilestoneView[]; truncated: boolean }> {
    const out: MilestoneView[] = [];
    let cursor: string | undefined;
    // A day's margin either side: a timed milestone's day depends on the user's zone.
    const from = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString();
    const to = new Date(Date.parse(`${last}T00:00:00Z`) + 2 * 86_400_000).toISOString();
    do {
      const page = await this.milestones.list(
        {
          from,
          to,
          ...(scope === 'mine' ? { assigneeId: actor.userId } : {}),
          limit: 200,
          ...(cursor ? { cursor } : {}),
        },
        actor,
      );
      out.push(...page.data.filter((m) => m.status !== 'cancelled'));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < MONTH_CAP);
    return { milestones: out.slice(0, MONTH_CAP), truncated: !!cursor || out.length > MONTH_CAP };
  }
}

interface DeadlineRow {
  kind: string;
  dueOn: string;
  country: string;
  label: string;
}

/** The deadline rows a form posted (repeated fields, in order), blank rows left out. */
function deadlineRows(body: FormBody): DeadlineRow[] {
  const col = (name: string) => {
    const v = body[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const kinds = col('deadlineKind');
  const due = col('deadlineDueOn');
  const countries = col('deadlineCountry');
  const labels = col('deadlineLabel');
  const n = Math.max(kinds.length, due.length, countries.length, labels.length);
  const rows: DeadlineRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = {
      kind: (kinds[i] ?? '').trim(),
      dueOn: (due[i] ?? '').trim(),
      country: (countries[i] ?? '').trim(),
      label: (labels[i] ?? '').trim(),
    };
    if (row.kind || row.dueOn || row.country || row.label) rows.push(row);
  }
  return rows;
}

/** What the entry form posted, in the API's shape (its DTO then checks it). */
function entryInput(body: FormBody): Record<string, unknown> {
  const body_ = text(body, 'body');
  return {
    kind: text(body, 'kind') ?? '',
    number: integer(body, 'number') ?? null,
    body: body_ ?? null,
    title: text(body, 'title') ?? '',
    startsOn: text(body, 'startsOn') ?? '',
    endsOn: text(body, 'endsOn') ?? '',
    location: text(body, 'location') ?? null,
    countries: list(body, 'countries') ?? [],
    deadlines: deadlineRows(body).map((r) => ({
      kind: r.kind,
      dueOn: r.dueOn,
      ...(r.country ? { country: r.country } : {}),
      ...(r.label ? { label: r.label } : {}),
    })),
    notes: text(body, 'notes') ?? null,
    sourceUrl: text(body, 'sourceUrl') ?? null,
    sample: checkbox(body, 'sample'),
  };
}

/** An entry as the form shows it. */
function formOf(e: CalendarEntryView): FormBody {
  return {
    kind: e.kind,
    number: e.number === null ? '' : String(e.number),
    body: e.body ?? '',
    title: e.title,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    location: e.location ?? '',
    countries: e.countries.join(', '),
    deadlineKind: e.deadlines.map((d) => d.kind),
    deadlineDueOn: e.deadlines.map((d) => d.dueOn),
    deadlineCountry: e.deadlines.map((d) => d.country ?? ''),
    deadlineLabel: e.deadlines.map((d) => d.label ?? ''),
    notes: e.notes ?? '',
    sourceUrl: e.sourceUrl ?? '',
    ...(e.sample ? { sample: '1' } : {}),
    version: String(e.version),
  };
}
