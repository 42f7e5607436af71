import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DefendersService,
  EscalationsService,
  MilestonesService,
  NotificationsService,
  UnCalendarService,
  UsersService,
  shortName,
  type AuthenticatedActor,
  type EscalationView,
  type MilestoneView,
} from '@witness/domain';
import { Clock } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { Views, type WebRequest } from './views';
import { ALL_STATES } from './escalations/view';
import { ANY_ROLE } from './web-auth.controller';
import {
  addDays,
  DEADLINE_STATES,
  dueLabel,
  escalationDeadlines,
  knownZone,
} from './work-web.util';
import { calendarDeadlineTitle } from './milestone-titles';

/** Milestones due within this many days count as "due soon". */
export const DUE_SOON_DAYS = 14;
/** UN deadlines shown this far ahead. */
export const DEADLINE_HORIZON_DAYS = 90;
/** UN calendar sessions (and their deadlines) shown this far ahead. */
const SESSION_HORIZON_DAYS = 60;
/** How many recently changed cases the home page lists. */
const RECENT_CASES = 8;
/** How many of my cases, of the drafts to review and of the unread notifications it lists. */
const MY_CASES = 10;
const REVIEW_DRAFTS = 10;
const UNREAD_SHOWN = 5;
/** Roles that decide on escalations sent for review (and see them counted by state). */
const REVIEWERS: readonly string[] = ['coordinator', 'admin'];

/**
 * The home page, "My work": what needs the signed-in user's attention now (my cases, what
 * falls due, what is overdue, the unread notifications, the drafts to review). Everything comes from the
 * same services as the API, with the user's own access: a milestone, an escalation or a case
 * the user may not see is simply not there.
 */
@ApiExcludeController()
@Controller('app')
export class HomeWebController {
  constructor(
    private readonly views: Views,
    private readonly milestones: MilestonesService,
    private readonly escalations: EscalationsService,
    private readonly defenders: DefendersService,
    private readonly notifications: NotificationsService,
    private readonly calendar: UnCalendarService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async home(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const now = this.clock.now();
    const today = this.clock.today();
    const me = await this.users.get(actor.userId);
    const tz = knownZone(me.timeZone);
    const soon = new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString();

    const reviewer = REVIEWERS.includes(actor.role);
    const [mine, drafts, byState, unreadList] = await Promise.all([
      this.defenders.assignedTo(actor, MY_CASES),
      actor.role === 'viewer'
        ? Promise.resolve({ data: [] as EscalationView[], nextCursor: null })
        : this.escalations.list(
            reviewer
              ? { state: 'in_review', limit: REVIEW_DRAFTS }
              : { state: 'draft', ownerId: actor.userId, limit: REVIEW_DRAFTS },
            actor,
          ),
      reviewer ? this.escalations.countByState(actor) : Promise.resolve(null),
      this.notifications.inbox(actor, { unread: true, limit: UNREAD_SHOWN }),
    ]);
    const [overdue, dueSoon, deadlinePages, cases, unread, sessions] = await Promise.all([
      this.milestones.list(
        { status: 'open', assigneeId: actor.userId, to: now.toISOString(), limit: 50 },
        actor,
      ),
      this.milestones.list(
        { status: 'open', assigneeId: actor.userId, from: now.toISOString(), to: soon, limit: 50 },
        actor,
      ),
      Promise.all(
        DEADLINE_STATES.map((state) =>
          this.escalations.list(
            { state, dueBefore: addDays(today, DEADLINE_HORIZON_DAYS), limit: 100 },
            actor,
          ),
        ),
      ),
      this.defenders.recentlyChanged(actor, RECENT_CASES),
      this.notifications.unreadCount(actor.userId),
      this.calendar.list({ from: today, to: addDays(today, SESSION_HORIZON_DAYS) }, actor),
    ]);

    const found = escalationDeadlines(
      deadlinePages.flatMap((p) => p.data as EscalationView[]),
      today,
      addDays(today, DEADLINE_HORIZON_DAYS),
    );
    // Names of the cases mentioned, through the service: one the user may not see is absent.
    const names = await this.defenders.names(
      [
        ...[...overdue.data, ...dueSoon.data].map((m) => m.defenderId),
        ...found.flatMap((d) => d.defenderIds),
        ...drafts.data.flatMap((e) => e.defenderIds),
      ].filter((id): id is string => !!id),
      actor,
    );
    const deadlines = found.map((d) => ({
      ...d,
      overdue: d.daysLeft < 0,
      daysOverdue: -d.daysLeft,
      defenderNames: d.defenderIds
        .map((id) => names.get(id))
        .filter((n): n is string => !!n)
        .join(', '),
    }));
    const reminder = (m: MilestoneView, isOverdue: boolean) => ({
      ...m,
      due: dueLabel(m, tz),
      overdue: isOverdue,
      defender: m.defenderId ? { id: m.defenderId, fullName: names.get(m.defenderId) } : null,
    });
    const recent = cases;
    const draftItems = drafts.data.map((e) => ({
      id: e.id,
      kind: e.kind,
      mechanism: e.mechanism,
      state: e.state,
      updatedAt: e.updatedAt,
      defenderNames: e.defenderIds
        .map((id) => names.get(id))
        .filter((n): n is string => !!n)
        .join(', '),
    }));
    const states = byState
      ? ALL_STATES.filter((st) => byState[st]).map((st) => ({ state: st, count: byState[st] }))
      : null;

    return this.views.send(
      req,
      reply,
      'home/index',
      {
        overdue: overdue.data.map((m) => reminder(m, true)),
        dueSoon: dueSoon.data.map((m) => reminder(m, false)),
        moreOverdue: overdue.nextCursor !== null,
        dueSoonDays: DUE_SOON_DAYS,
        deadlines,
        horizonDays: DEADLINE_HORIZON_DAYS,
        recent,
        myCases: mine.data,
        moreMyCases: mine.more,
        reviewer,
        showDrafts: actor.role !== 'viewer',
        drafts: draftItems,
        moreDrafts: drafts.nextCursor !== null,
        states,
        unreadCount: unread,
        unread: unreadList.data,
        // The next UN sessions, each with its deadlines still to come.
        sessions: sessions.slice(0, 6).map((e) => ({
          id: e.id,
          name: shortName(e),
          title: e.title,
          startsOn: e.startsOn,
          endsOn: e.endsOn,
          sample: e.sample,
          deadlines: e.deadlines
            .filter((d) => d.dueOn >= today)
            .slice(0, 4)
            .map((d) => ({
              dueOn: d.dueOn,
              title: calendarDeadlineTitle(this.views.translator, this.views.lang(req), e, d),
            })),
        })),
        sessionDays: SESSION_HORIZON_DAYS,
        timeZone: tz,
        today,
      },
      { title: 'home.title', section: 'home' },
    );
  }
}
