import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DefendersService,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  MilestonesService,
  UsersService,
  type AuthenticatedActor,
  type MilestoneView,
} from '@witness/domain';
import { AppError, Clock, ValidationFailedError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { CurrentActor } from '../../http/actor.decorator';
import {
  CreateMilestoneDto,
  MilestoneIdParams,
  MilestoneListQueryDto,
  UpdateMilestoneDto,
} from '../../milestones/milestone.dto';
import { Pickers, picking } from '../picker';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import {
  checkbox,
  errorMap,
  formErrors,
  formVersion,
  many,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';
import {
  caseNames,
  EDITORS,
  isStale,
  PAGE_SIZE,
  presetCase,
  STAFF,
  UUID,
  zoneOf,
} from '../work-web.shared';
import {
  addDays,
  dueLabel,
  isCalendarDate,
  isWallTime,
  queryWith,
  safeReturn,
  withNotice,
  zonedTimestamp,
} from '../work-web.util';
import { milestoneTitle } from '../milestone-titles';

/** Reminder offsets the milestone form offers (ISO 8601 durations, as the API takes them). */
const REMIND_OPTIONS = ['P7D', 'P3D', 'P1D', 'PT2H'] as const;

/** Milestones: the list, one milestone, the form and its done / cancel buttons. */
@ApiExcludeController()
@Controller('app')
export class MilestonesWebController {
  constructor(
    private readonly views: Views,
    private readonly milestones: MilestonesService,
    private readonly defenders: DefendersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly pickers: Pickers,
  ) {}

  @Get('milestones')
  @Roles(...STAFF)
  async milestoneList(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: FormBody,
  ) {
    const tz = await zoneOf(this.users, actor);
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
    const names = await caseNames(
      this.defenders,
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
    const preset = presetCase(defenderId);
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
    const tz = await zoneOf(this.users, actor);
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
    const tz = await zoneOf(this.users, actor);
    const names = await caseNames(this.defenders, actor, m.defenderId ? [m.defenderId] : []);
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
        titleParams: { title: milestoneTitle(this.views.translator, this.views.lang(req), m) },
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
    const version = formVersion(body);
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

  private async renderMilestoneForm(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    data: { values: Record<string, unknown>; errors?: FieldErrorMap },
    status = 200,
  ) {
    const tz = await zoneOf(this.users, actor);
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
}
