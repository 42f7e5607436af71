import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CALENDAR_ENTRY_KINDS,
  DEADLINE_KINDS,
  REGIONAL_BODIES,
  shortName,
  UnCalendarService,
  type AuthenticatedActor,
  type CalendarEntryView,
  countryNameFor,
} from '@witness/domain';
import { AppError, NotFoundError, ValidationFailedError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { CurrentActor } from '../../http/actor.decorator';
import {
  CreateCalendarEntryDto,
  OpportunityQueryDto,
  UpdateCalendarEntryDto,
} from '../../un-calendar/un-calendar.dto';
import { countryCodes } from '../display-names';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { ANY_ROLE } from '../web-auth.controller';
import {
  checkbox,
  errorMap,
  formErrors,
  formVersion,
  integer,
  many,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';
import { queryWith, withNotice } from '../work-web.util';
import { calendarDeadlineTitle } from '../milestone-titles';

const DECIDERS = ['coordinator', 'admin'] as const;
/** Empty deadline rows a form offers beyond those the entry has. */
const SPARE_DEADLINE_ROWS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;

/**
 * The UN calendar's entries: a session with its windows for action, and the forms that add,
 * change and delete entries (deciders only, as in the API).
 */
@ApiExcludeController()
@Controller('app/calendar')
export class CalendarEntriesWebController {
  constructor(
    private readonly views: Views,
    private readonly calendar: UnCalendarService,
  ) {}

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
        deadlines: entry.deadlines.map((d) => ({
          ...d,
          title: calendarDeadlineTitle(this.views.translator, this.views.lang(req), entry, d),
        })),
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
    try {
      const version = formVersion(body);
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
    countries: countryCodes(many(body, 'countries')),
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
    countries: e.countries,
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
