import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  CalendarFeedsService,
  CHANNELS,
  decidesAccess,
  DefendersService,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  MilestonesService,
  NotificationsService,
  PARTNER_KINDS,
  SolidarityService,
  UsersService,
  type ActionView,
  type AuthenticatedActor,
  type IssuedCalendarFeed,
  type MilestoneView,
  type NotificationView,
  type PartnerView,
} from '@witness/domain';
import {
  AppError,
  Clock,
  PreconditionRequiredError,
  ValidationFailedError,
} from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import {
  CreateMilestoneDto,
  MilestoneIdParams,
  MilestoneListQueryDto,
  UpdateMilestoneDto,
} from '../milestones/milestone.dto';
import {
  InboxQueryDto,
  NotificationIdParams,
  NotificationPreferencesDto,
} from '../notifications/notification.dto';
import {
  ActionQueryDto,
  CreateActionDto,
  CreatePartnerDto,
  IdParams,
  UpdateActionDto,
} from '../solidarity/solidarity.dto';
import { Pickers, picking } from './picker';
import { Views, type FieldErrorMap, type WebRequest } from './views';
import { ANY_ROLE } from './web-auth.controller';
import {
  checkbox,
  errorMap,
  formErrors,
  integer,
  list,
  many,
  refill,
  text,
  validateAs,
  type FormBody,
} from './web-form';
import {
  addDays,
  dueLabel,
  isCalendarDate,
  isWallTime,
  knownZone,
  queryWith,
  safeReturn,
  withNotice,
  zonedTimestamp,
} from './work-web.util';

/** The same roles as the API routes these pages stand for. */
const STAFF = ANY_ROLE;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;
const DECIDERS = ['coordinator', 'admin'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;
/** Reminder offsets the milestone form offers (ISO 8601 durations, as the API takes them). */
const REMIND_OPTIONS = ['P7D', 'P3D', 'P1D', 'PT2H'] as const;
const REACH_FIELDS = ['signatures', 'participants', 'organisations', 'impressions'] as const;

/** Milestones, the notifications inbox and solidarity actions (and partners). */
@ApiExcludeController()
@Controller('app')
export class WorkWebController {
  constructor(
    private readonly views: Views,
    private readonly milestones: MilestonesService,
    private readonly notifications: NotificationsService,
    private readonly solidarity: SolidarityService,
    private readonly defenders: DefendersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly calendarFeeds: CalendarFeedsService,
    private readonly pickers: Pickers,
  ) {}

  // ---- milestones -------------------------------------------------------------------------

  @Get('milestones')
  @Roles(...STAFF)
  async milestoneList(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: FormBody,
  ) {
    const tz = await this.zoneOf(actor);
    // No status asked for: the open ones; `any`: every status.
    const status = text(query, 'status') ?? 'open';
    const filters = {
      status,
      kind: text(query, 'kind') ?? '',
      from: text(query, 'from') ?? '',
      to: text(query, 'to') ?? '',
      mine: checkbox(query, 'mine'),
      defenderId: text(query, 'defenderId') ?? '',
    };
    const errors: FieldErrorMap = {};
    if (filters.from && !isCalendarDate(filters.from))
      errors.from = this.views.tr(req, 'work.errors.date');
    if (filters.to && !isCalendarDate(filters.to))
      errors.to = this.views.tr(req, 'work.errors.date');
    let page: { data: MilestoneView[]; nextCursor: string | null } = { data: [], nextCursor: null };
    try {
      const dto = await validateAs(MilestoneListQueryDto, {
        ...(filters.status !== 'any' ? { status: filters.status } : {}),
        ...(filters.kind ? { kind: filters.kind } : {}),
        ...(filters.defenderId ? { defenderId: filters.defenderId } : {}),
        ...(filters.mine ? { assigneeId: actor.userId } : {}),
        ...(filters.from && !errors.from
          ? { from: zonedTimestamp(filters.from, '00:00', tz) }
          : {}),
        ...(filters.to && !errors.to
          ? { to: zonedTimestamp(addDays(filters.to, 1), '00:00', tz) }
          : {}),
        ...(text(query, 'cursor') ? { cursor: text(query, 'cursor') } : {}),
        limit: PAGE_SIZE,
      });
      if (!Object.keys(errors).length) page = await this.milestones.list(dto, actor);
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      Object.assign(errors, errorMap(err.errors));
    }
    const names = await this.caseNames(
      actor,
      [...page.data.map((m) => m.defenderId), filters.defenderId].filter(
        (x): x is string => !!x && UUID.test(x),
      ),
    );
    const params = {
      status: filters.status,
      kind: filters.kind || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      mine: filters.mine ? '1' : undefined,
      defenderId: filters.defenderId || undefined,
    };
    return this.views.send(
      req,
      reply,
      'milestones/index',
      {
        filters,
        errors: Object.keys(errors).length ? errors : undefined,
        kinds: MILESTONE_KINDS,
        statusOptions: [
          { value: 'any', label: this.views.tr(req, 'work.milestones.anyStatus') },
          ...MILESTONE_STATUSES.map((v) => ({
            value: v,
            label: this.views.tr(req, `vocab.milestoneStatuses.${v}`),
          })),
        ],
        forCase: filters.defenderId ? names.get(filters.defenderId) : undefined,
        rows: page.data.map((m) => this.milestoneRow(m, actor, tz, names)),
        nextUrl: page.nextCursor
          ? `/app/milestones${queryWith(params, { cursor: page.nextCursor })}`
          : undefined,
        firstUrl: text(query, 'cursor') ? `/app/milestones${queryWith(params, {})}` : undefined,
        back: req.url,
        timeZone: tz,
      },
      {
        title: 'work.milestones.title',
        section: 'milestones',
        status: Object.keys(errors).length ? 400 : 200,
      },
    );
  }

  @Get('milestones/new')
  @Roles(...EDITORS)
  async milestoneNew(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query('defenderId') defenderId?: string,
  ) {
    const preset = this.presetCase(defenderId);
    return this.renderMilestoneForm(req, reply, actor, {
      values: {
        defenderId: preset ?? '',
        kind: 'custom',
        remindBefore: ['P1D'],
        assigneeIds: [actor.userId],
      },
    });
  }

  @Post('milestones/new')
  @Roles(...EDITORS)
  async milestoneCreate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const again = picking(body);
    if (again) {
      return this.renderMilestoneForm(req, reply, actor, {
        values: { ...refill(again), remindBefore: many(again, 'remindBefore') },
      });
    }
    const tz = await this.zoneOf(actor);
    const errors: FieldErrorMap = {};
    const date = text(body, 'dueDate');
    const time = text(body, 'dueTime');
    if (!date) errors.dueDate = this.views.tr(req, 'work.errors.required');
    else if (!isCalendarDate(date)) errors.dueDate = this.views.tr(req, 'work.errors.date');
    if (time && !isWallTime(time)) errors.dueTime = this.views.tr(req, 'work.errors.time');
    const dueAt =
      date && isCalendarDate(date)
        ? time && isWallTime(time)
          ? zonedTimestamp(date, time, tz)
          : `${date}T00:00:00Z`
        : '';
    const plain = {
      defenderId: text(body, 'defenderId') ?? null,
      kind: text(body, 'kind') ?? '',
      title: text(body, 'title') ?? '',
      dueAt,
      allDay: !time,
      remindBefore: many(body, 'remindBefore'),
      // The case's assignees (empty), the people chosen, or (none chosen) the creator.
      ...(checkbox(body, 'caseAssignees')
        ? { assigneeIds: [] }
        : many(body, 'assigneeIds').length
          ? { assigneeIds: many(body, 'assigneeIds') }
          : {}),
      notes: text(body, 'notes') ?? null,
    };
    try {
      const dto = await validateAs(CreateMilestoneDto, plain);
      if (Object.keys(errors).length) throw new ValidationFailedError([]);
      const created = await this.milestones.create(dto, actor);
      return reply.redirect(
        `/app/milestones/${created.id}?notice=work.notices.milestoneCreated`,
        303,
      );
    } catch (err) {
      const found = formErrors(err);
      if (!found) throw err;
      // The form asks for a day and a time: a problem with the moment is shown there.
      const { dueAt: dueAtError, allDay: _allDay, ...rest } = found;
      if (dueAtError && !errors.dueDate && !errors.dueTime) errors.dueDate = dueAtError;
      return this.renderMilestoneForm(
        req,
        reply,
        actor,
        {
          values: { ...refill(body), remindBefore: many(body, 'remindBefore') },
          errors: { ...rest, ...errors },
        },
        400,
      );
    }
  }

  @Get('milestones/:id')
  @Roles(...STAFF)
  async milestoneShow(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: MilestoneIdParams,
  ) {
    const m = await this.milestones.get(id, actor);
    const tz = await this.zoneOf(actor);
    const names = await this.caseNames(actor, m.defenderId ? [m.defenderId] : []);
    return this.views.send(
      req,
      reply,
      'milestones/show',
      {
        m: this.milestoneRow(m, actor, tz, names),
        othersCount: m.assigneeIds.filter((a) => a !== actor.userId).length,
        remindLabels: m.remindBefore.map((o) =>
          this.views.translator.has(`work.milestones.remind.${o}`)
            ? this.views.tr(req, `work.milestones.remind.${o}`)
            : o,
        ),
        back: `/app/milestones/${m.id}`,
        timeZone: tz,
      },
      {
        title: 'work.milestones.showTitle',
        titleParams: { title: m.title },
        section: 'milestones',
      },
    );
  }

  @Post('milestones/:id/done')
  @Roles(...EDITORS)
  async milestoneDone(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: MilestoneIdParams,
    @Body() body: FormBody,
  ) {
    const version = this.versionOf(body);
    const back = safeReturn(text(body, 'back'), '/app/milestones');
    try {
      const patch = await validateAs(UpdateMilestoneDto, { status: 'done' });
      await this.milestones.update(id, patch, version, actor);
    } catch (err) {
      if (!isStale(err)) throw err;
      return this.views.send(
        req,
        reply,
        'milestones/conflict',
        { reload: back, message: (err as AppError).message },
        { title: 'work.conflict.title', section: 'milestones', status: 412 },
      );
    }
    return reply.redirect(withNotice(back, 'work.notices.milestoneDone'), 303);
  }

  @Post('milestones/:id/cancel')
  @Roles(...EDITORS)
  async milestoneCancel(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: MilestoneIdParams,
    @Body() body: FormBody,
  ) {
    await this.milestones.cancel(id, actor);
    const back = safeReturn(text(body, 'back'), '/app/milestones');
    return reply.redirect(withNotice(back, 'work.notices.milestoneCancelled'), 303);
  }

  // ---- notifications ----------------------------------------------------------------------

  @Get('notifications')
  @Roles(...STAFF)
  async inbox(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query('cursor') cursor?: string,
  ) {
    const q = await validateAs(InboxQueryDto, cursor ? { cursor } : {});
    const [unread, all] = await Promise.all([
      this.notifications.inbox(actor, { unread: true, limit: 200 }),
      this.notifications.inbox(actor, { limit: PAGE_SIZE, cursor: q.cursor }),
    ]);
    const view = (n: NotificationView) => ({ ...n, href: webLink(n.link) });
    return this.views.send(
      req,
      reply,
      'notifications/index',
      {
        unread: unread.data.map(view),
        unreadMore: unread.nextCursor !== null,
        earlier: all.data.filter((n) => n.readAt).map(view),
        nextUrl: all.nextCursor
          ? `/app/notifications?cursor=${encodeURIComponent(all.nextCursor)}`
          : undefined,
        firstUrl: cursor ? '/app/notifications' : undefined,
      },
      { title: 'work.inbox.title', section: 'notifications' },
    );
  }

  @Post('notifications/read-all')
  @Roles(...STAFF)
  async inboxReadAll(@Res() reply: FastifyReply, @CurrentActor() actor: AuthenticatedActor) {
    await this.notifications.markAllRead(actor.userId);
    return reply.redirect('/app/notifications?notice=work.notices.allRead', 303);
  }

  @Post('notifications/:id/read')
  @Roles(...STAFF)
  async inboxRead(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: NotificationIdParams,
  ) {
    await this.notifications.markRead(actor, id);
    return reply.redirect('/app/notifications?notice=work.notices.read', 303);
  }

  @Get('notifications/preferences')
  @Roles(...STAFF)
  async preferences(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const prefs = await this.notifications.preferences(actor.userId);
    return this.renderPreferences(req, reply, {
      values: {
        channels: prefs.channels,
        webhookUrl: prefs.webhookUrl ?? '',
        digestHour: prefs.digestHour === null ? '' : String(prefs.digestHour),
      },
      hasWebhook: !!prefs.webhookUrl,
    });
  }

  @Post('notifications/preferences')
  @Roles(...STAFF)
  async setPreferences(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const values = {
      channels: many(body, 'channels'),
      webhookUrl: text(body, 'webhookUrl') ?? '',
      digestHour: text(body, 'digestHour') ?? '',
    };
    try {
      const dto = await validateAs(NotificationPreferencesDto, {
        channels: values.channels,
        webhookUrl: values.webhookUrl || null,
        regenerateWebhookSecret: checkbox(body, 'regenerateWebhookSecret'),
        digestHour: integer(body, 'digestHour') ?? null,
      });
      const saved = await this.notifications.setPreferences(actor.userId, dto);
      if (saved.webhookSecret) {
        // Shown once, on this answer only: no redirect that would lose it.
        return this.renderPreferences(req, reply, {
          values: {
            channels: saved.channels,
            webhookUrl: saved.webhookUrl ?? '',
            digestHour: saved.digestHour === null ? '' : String(saved.digestHour),
          },
          hasWebhook: true,
          secret: saved.webhookSecret,
        });
      }
      return reply.redirect('/app/notifications/preferences?notice=saved', 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      const current = await this.notifications.preferences(actor.userId);
      return this.renderPreferences(
        req,
        reply,
        { values, errors, hasWebhook: !!current.webhookUrl },
        400,
      );
    }
  }

  /** Create the calendar feed, or replace its address: the page shows it once, no redirect. */
  @Post('notifications/calendar-feed')
  @Roles(...STAFF)
  async calendarFeedIssue(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const issued = await this.calendarFeeds.issue(actor, {
      includeNames: checkbox(body, 'includeNames'),
    });
    const prefs = await this.notifications.preferences(actor.userId);
    return this.renderPreferences(req, reply, {
      values: {
        channels: prefs.channels,
        webhookUrl: prefs.webhookUrl ?? '',
        digestHour: prefs.digestHour === null ? '' : String(prefs.digestHour),
      },
      hasWebhook: !!prefs.webhookUrl,
      issuedFeed: issued,
    });
  }

  @Post('notifications/calendar-feed/revoke')
  @Roles(...STAFF)
  async calendarFeedRevoke(@Res() reply: FastifyReply, @CurrentActor() actor: AuthenticatedActor) {
    await this.calendarFeeds.revoke(actor);
    return reply.redirect(
      '/app/notifications/preferences?notice=work.notices.calendarFeedRevoked#calendar-feed',
      303,
    );
  }

  // ---- solidarity -------------------------------------------------------------------------

  @Get('solidarity')
  @Roles(...STAFF)
  async actionList(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() raw: FormBody,
  ) {
    // A picker's Remove button drops that filter; its Search button only searches.
    const query = picking(raw) ?? raw;
    const filters = {
      type: text(query, 'type') ?? '',
      status: text(query, 'status') ?? '',
      from: text(query, 'from') ?? '',
      to: text(query, 'to') ?? '',
      defenderId: text(query, 'defenderId') ?? '',
      partnerId: text(query, 'partnerId') ?? '',
    };
    let errors: FieldErrorMap | undefined;
    let page: { data: ActionView[]; nextCursor: string | null } = { data: [], nextCursor: null };
    try {
      const dto = await validateAs(ActionQueryDto, {
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
        ...(text(query, 'cursor') ? { cursor: text(query, 'cursor') } : {}),
        limit: PAGE_SIZE,
      });
      page = await this.solidarity.actions(dto, actor);
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      errors = errorMap(err.errors);
    }
    const [names, pickers] = await Promise.all([
      this.caseNames(
        actor,
        page.data.flatMap((a) => a.defenderIds),
      ),
      this.pickers.form(req, actor, query, [
        { name: 'defenderId', source: 'defenders' },
        { name: 'partnerId', source: 'partners' },
      ]),
    ]);
    const params = Object.fromEntries(
      Object.entries(filters).map(([k, v]) => [k, v || undefined]),
    ) as Record<string, string | undefined>;
    return this.views.send(
      req,
      reply,
      'solidarity/index',
      {
        filters,
        errors,
        types: ACTION_TYPES,
        statuses: ACTION_STATUSES,
        pickers,
        rows: page.data.map((a) => ({
          ...a,
          defenders: a.defenderIds.map((id) => ({ id, fullName: names.get(id) })),
        })),
        nextUrl: page.nextCursor
          ? `/app/solidarity${queryWith(params, { cursor: page.nextCursor })}`
          : undefined,
        firstUrl: text(query, 'cursor') ? `/app/solidarity${queryWith(params, {})}` : undefined,
      },
      { title: 'work.solidarity.title', section: 'solidarity', status: errors ? 400 : 200 },
    );
  }

  @Get('solidarity/new')
  @Roles(...EDITORS)
  async actionNew(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query('defenderId') defenderId?: string,
  ) {
    const preset = this.presetCase(defenderId);
    return this.renderActionForm(req, reply, actor, {
      values: {
        defenderIds: preset ? [preset] : [],
        partnerIds: [],
        status: 'planned',
        startsOn: this.clock.today(),
      },
    });
  }

  @Post('solidarity/new')
  @Roles(...EDITORS)
  async actionCreate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const again = picking(body);
    if (again) return this.renderActionForm(req, reply, actor, { values: actionValues(again) });
    try {
      const dto = await validateAs(CreateActionDto, actionPlain(body, actor));
      const created = await this.solidarity.createAction(dto, actor);
      return reply.redirect(`/app/solidarity/${created.id}?notice=work.notices.actionCreated`, 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.renderActionForm(req, reply, actor, { values: actionValues(body), errors }, 400);
    }
  }

  @Get('solidarity/partners')
  @Roles(...STAFF)
  async partnerList(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const partners = await this.solidarity.partners(actor);
    return this.views.send(
      req,
      reply,
      'solidarity/partners',
      { partners },
      { title: 'work.partners.title', section: 'solidarity' },
    );
  }

  @Get('solidarity/partners/new')
  @Roles(...DECIDERS)
  async partnerNew(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.views.send(
      req,
      reply,
      'solidarity/partner-form',
      { values: { kind: 'partner' }, kinds: PARTNER_KINDS },
      { title: 'work.partners.newTitle', section: 'solidarity' },
    );
  }

  @Post('solidarity/partners/new')
  @Roles(...DECIDERS)
  async partnerCreate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const contact = {
      name: text(body, 'contactPerson.name'),
      email: text(body, 'contactPerson.email') ?? null,
      phone: text(body, 'contactPerson.phone') ?? null,
    };
    const hasContact = !!(contact.name || contact.email || contact.phone);
    try {
      const dto = await validateAs(CreatePartnerDto, {
        name: text(body, 'name') ?? '',
        kind: text(body, 'kind') ?? '',
        country: text(body, 'country') ?? null,
        contactPerson: hasContact ? { ...contact, name: contact.name ?? '' } : null,
        notes: text(body, 'notes') ?? null,
      });
      await this.solidarity.createPartner(dto, actor);
      return reply.redirect('/app/solidarity/partners?notice=work.notices.partnerCreated', 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.views.send(
        req,
        reply,
        'solidarity/partner-form',
        { values: refill(body), errors, kinds: PARTNER_KINDS },
        { title: 'work.partners.newTitle', section: 'solidarity', status: 400 },
      );
    }
  }

  @Get('solidarity/:id')
  @Roles(...STAFF)
  async actionShow(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: IdParams,
  ) {
    const a = await this.solidarity.action(id, actor);
    const [names, partners] = await Promise.all([
      this.caseNames(actor, a.defenderIds),
      this.solidarity.partnersById(a.partnerIds, actor),
    ]);
    const partnerName = new Map(partners.map((p: PartnerView) => [p.id, p.name]));
    return this.views.send(
      req,
      reply,
      'solidarity/show',
      {
        a: {
          ...a,
          defenders: a.defenderIds.map((d) => ({ id: d, fullName: names.get(d) })),
          partners: a.partnerIds.map((p) => ({ id: p, name: partnerName.get(p) ?? p })),
          reachRows: REACH_FIELDS.filter(
            (k) => a.reach[k] !== undefined && a.reach[k] !== null,
          ).map((k) => ({ key: k, value: a.reach[k] })),
        },
      },
      {
        title: 'work.solidarity.showTitle',
        titleParams: { title: a.title },
        section: 'solidarity',
      },
    );
  }

  @Get('solidarity/:id/edit')
  @Roles(...EDITORS)
  async actionEdit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: IdParams,
  ) {
    const a = await this.solidarity.action(id, actor);
    return this.renderActionForm(req, reply, actor, { action: a, values: actionViewValues(a) });
  }

  @Post('solidarity/:id/edit')
  @Roles(...EDITORS)
  async actionUpdate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: IdParams,
    @Body() body: FormBody,
  ) {
    const version = this.versionOf(body);
    const again = picking(body);
    if (again) {
      const a = await this.solidarity.action(id, actor);
      return this.renderActionForm(req, reply, actor, {
        action: { ...a, version },
        values: actionValues(again),
      });
    }
    try {
      const dto = await validateAs(UpdateActionDto, actionPlain(body, actor));
      await this.solidarity.updateAction(id, dto, version, actor);
      return reply.redirect(`/app/solidarity/${id}?notice=saved`, 303);
    } catch (err) {
      const stale = isStale(err);
      const errors = stale ? { _: this.views.tr(req, 'work.conflict.action') } : formErrors(err);
      if (!errors) throw err;
      // The form keeps what was typed; on a conflict, the version stays the one it was
      // based on, so saving again without reloading cannot overwrite the other change.
      const a = await this.solidarity.action(id, actor);
      return this.renderActionForm(
        req,
        reply,
        actor,
        {
          action: { ...a, version },
          values: actionValues(body),
          errors,
          conflict: stale,
        },
        stale ? 412 : 400,
      );
    }
  }

  // ---- rendering --------------------------------------------------------------------------

  private async renderMilestoneForm(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    data: { values: Record<string, unknown>; errors?: FieldErrorMap },
    status = 200,
  ) {
    const tz = await this.zoneOf(actor);
    const remind = Array.isArray(data.values.remindBefore) ? data.values.remindBefore : [];
    return this.views.send(
      req,
      reply,
      'milestones/form',
      {
        ...data,
        kinds: MILESTONE_KINDS,
        pickers: await this.pickers.form(req, actor, data.values, [
          { name: 'defenderId', source: 'defenders' },
          { name: 'assigneeIds', source: 'users', multiple: true, roles: EDITORS },
        ]),
        remindOptions: REMIND_OPTIONS.map((value) => ({
          value,
          label: this.views.tr(req, `work.milestones.remind.${value}`),
          checked: remind.includes(value),
        })),
        timeZone: tz,
      },
      { title: 'work.milestones.newTitle', section: 'milestones', status },
    );
  }

  private async renderActionForm(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    data: {
      action?: ActionView;
      values: Record<string, unknown>;
      errors?: FieldErrorMap;
      conflict?: boolean;
    },
    status = 200,
  ) {
    const a = data.action;
    return this.views.send(
      req,
      reply,
      'solidarity/form',
      {
        ...data,
        types: ACTION_TYPES,
        statuses: ACTION_STATUSES,
        pickers: await this.pickers.form(req, actor, data.values, [
          { name: 'defenderIds', source: 'defenders', multiple: true },
          { name: 'partnerIds', source: 'partners', multiple: true },
        ]),
        reachFields: REACH_FIELDS.map((k) => ({
          name: `reach.${k}`,
          key: k,
          value: data.values[`reach.${k}`] ?? '',
        })),
        action: a ? { id: a.id, title: a.title, version: a.version } : undefined,
        // Publishing an action is a decider's call (decidesAccess): others see the mark only.
        publicField: decidesAccess(actor),
        isPublicNow: a?.isPublic ?? false,
      },
      a
        ? {
            title: 'work.solidarity.editTitle',
            titleParams: { title: a.title },
            section: 'solidarity',
            status,
          }
        : { title: 'work.solidarity.newTitle', section: 'solidarity', status },
    );
  }

  private async renderPreferences(
    req: WebRequest,
    reply: FastifyReply,
    data: {
      values: { channels: string[]; webhookUrl: string; digestHour: string };
      errors?: FieldErrorMap;
      hasWebhook: boolean;
      secret?: string;
      /** A calendar feed address just issued: shown on this answer only. */
      issuedFeed?: IssuedCalendarFeed;
    },
    status = 200,
  ) {
    // The page's calendar feed panel; every route here is signed in (the guard set actor).
    const feed = data.issuedFeed ?? (await this.calendarFeeds.status(req.actor!.userId));
    return this.views.send(
      req,
      reply,
      'notifications/preferences',
      {
        ...data,
        feed,
        channelOptions: CHANNELS.map((c) => ({
          value: c,
          checked: data.values.channels.includes(c),
        })),
        hourOptions: Array.from({ length: 24 }, (_, h) => ({
          value: String(h),
          label: `${String(h).padStart(2, '0')}:00`,
        })),
      },
      { title: 'work.preferences.title', section: 'notifications', status },
    );
  }

  // ---- helpers ----------------------------------------------------------------------------

  private milestoneRow(
    m: MilestoneView,
    actor: AuthenticatedActor,
    tz: string,
    names: Map<string, string>,
  ) {
    return {
      ...m,
      due: dueLabel(m, tz),
      overdue: m.status === 'open' && new Date(m.dueAt).getTime() < this.clock.now().getTime(),
      mine: m.assigneeIds.includes(actor.userId),
      defender: m.defenderId ? { id: m.defenderId, fullName: names.get(m.defenderId) } : null,
      open: m.status === 'open',
    };
  }

  /**
   * Names of cases the user can see, by id, through the service (need-to-know applied
   * there): a case the user may not see is left out. (Forms and filters choose cases with
   * a picker, never from a list of them all.)
   */
  private caseNames(actor: AuthenticatedActor, ids: string[]): Promise<Map<string, string>> {
    return this.defenders.names(
      ids.filter((id) => UUID.test(id)),
      actor,
    );
  }

  /** `?defenderId=` of a "new" form: a uuid, else 400 (never passed on unchecked). */
  private presetCase(defenderId: string | undefined): string | undefined {
    if (defenderId === undefined || defenderId === '') return undefined;
    if (!UUID.test(defenderId)) throw ValidationFailedError.field('defenderId', 'must be a uuid');
    return defenderId;
  }

  /** The version a form was based on (the web form's If-Match). */
  private versionOf(body: FormBody): number {
    const v = integer(body, 'version');
    if (typeof v !== 'number' || v < 1) {
      throw new PreconditionRequiredError(
        'This form did not say which version it was based on. Reload the page and try again.',
      );
    }
    return v;
  }

  private async zoneOf(actor: AuthenticatedActor): Promise<string> {
    return knownZone((await this.users.get(actor.userId)).timeZone);
  }
}

function isStale(err: unknown): boolean {
  return err instanceof AppError && err.code === 'precondition_failed';
}

/** A notification's link (a path inside Witness) as a web-app address. */
function webLink(link: string | null): string | undefined {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return undefined;
  return `/app${link}`;
}

/**
 * The action form as the API's body (create and edit send every field the form has). The
 * public mark is offered to deciders only: from anyone else a form has none, and the action
 * keeps its mark; a forged one is sent on for the service to refuse (403).
 */
function actionPlain(body: FormBody, actor: AuthenticatedActor): Record<string, unknown> {
  const reach: Record<string, unknown> = {};
  for (const k of REACH_FIELDS) reach[k] = integer(body, `reach.${k}`) ?? null;
  return {
    type: text(body, 'type') ?? '',
    title: text(body, 'title') ?? '',
    description: text(body, 'description') ?? null,
    startsOn: text(body, 'startsOn') ?? '',
    endsOn: text(body, 'endsOn') ?? null,
    status: text(body, 'status') ?? 'planned',
    defenderIds: many(body, 'defenderIds'),
    partnerIds: many(body, 'partnerIds'),
    reach,
    outcome: text(body, 'outcome') ?? null,
    links: list(body, 'links') ?? [],
    ...(decidesAccess(actor) || checkbox(body, 'isPublic')
      ? { isPublic: checkbox(body, 'isPublic') }
      : {}),
  };
}

/** What was typed, to fill the form again after an error. */
function actionValues(body: FormBody): Record<string, unknown> {
  return {
    ...refill(body),
    defenderIds: many(body, 'defenderIds'),
    partnerIds: many(body, 'partnerIds'),
    isPublic: checkbox(body, 'isPublic'),
  };
}

/** A saved action as the form's values. */
function actionViewValues(a: ActionView): Record<string, unknown> {
  const values: Record<string, unknown> = {
    type: a.type,
    title: a.title,
    description: a.description ?? '',
    startsOn: a.startsOn,
    endsOn: a.endsOn ?? '',
    status: a.status,
    defenderIds: a.defenderIds,
    partnerIds: a.partnerIds,
    outcome: a.outcome ?? '',
    links: a.links.join('\n'),
    isPublic: a.isPublic,
  };
  for (const k of REACH_FIELDS) {
    const v = a.reach[k];
    values[`reach.${k}`] = v === undefined || v === null ? '' : String(v);
  }
  return values;
}
