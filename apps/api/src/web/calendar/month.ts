import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DefendersService,
  MilestonesService,
  shortName,
  UnCalendarService,
  UsersService,
  type AuthenticatedActor,
  type MilestoneView,
} from '@witness/domain';
import { Clock } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { CurrentActor } from '../../http/actor.decorator';
import { isMonth, monthGrid, shiftMonth } from '../calendar-web.util';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { ANY_ROLE } from '../web-auth.controller';
import { text, type FormBody } from '../web-form';
import { dueLabel, knownZone, queryWith } from '../work-web.util';
import { calendarDeadlineTitle, milestoneTitle } from '../milestone-titles';

/** Milestones a month view shows at most (then it points to the list). */
const MONTH_CAP = 400;

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
 * UN calendar's sessions and deadlines. The same services and access as the API: a case the
 * user may not see is not there.
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
        add(dl.dueOn, {
          kind: 'deadline',
          label: calendarDeadlineTitle(this.views.translator, this.views.lang(req), e, dl),
          href,
        });
    }
    for (const m of found.milestones) {
      const due = dueLabel(m, tz);
      add(due.slice(0, 10), {
        kind: 'milestone',
        label: milestoneTitle(this.views.translator, this.views.lang(req), m),
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
