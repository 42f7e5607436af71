import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DefendersService,
  ESCALATION_KINDS,
  EscalationsService,
  KIND_MECHANISMS,
  MECHANISMS,
  MEETING_DATED_KINDS,
  type AuthenticatedActor,
  type EscalationKind,
  type EscalationView,
} from '@witness/domain';
import { Clock } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { DefenderIdParams } from '../../defenders/defender.dto';
import { CreateEscalationDto, EscalationQueryDto } from '../../escalations/escalation.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { Pickers, picking } from '../picker';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import {
  defined,
  formErrors,
  list,
  many,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';
import {
  ALL_STATES,
  clockLines,
  EDITORS,
  escalationPickers,
  first,
  queryString,
  renameErrors,
  STAFF,
  type QueryParams,
} from './view';

/** Filters of the list, as the API's list offers them. */
const LIST_FILTERS = ['state', 'mechanism', 'kind', 'defenderId', 'dueBefore'] as const;

/** The escalations' list, and the form that starts one from a profile. */
@ApiExcludeController()
@Controller('app')
export class EscalationsListWebController {
  constructor(
    private readonly views: Views,
    private readonly escalations: EscalationsService,
    private readonly defenders: DefendersService,
    private readonly clock: Clock,
    private readonly pickers: Pickers,
  ) {}

  // ---- the list -------------------------------------------------------------------------

  @Get('escalations')
  @Roles(...STAFF)
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: QueryParams,
  ) {
    const filters: Record<string, string | undefined> = {};
    for (const k of LIST_FILTERS) filters[k] = first(query[k]);
    const cursor = first(query.cursor);
    let errors: FieldErrorMap | undefined;
    let page: { data: EscalationView[]; nextCursor: string | null } = {
      data: [],
      nextCursor: null,
    };
    try {
      const q = await validateAs(EscalationQueryDto, defined({ ...filters, cursor, limit: 25 }));
      page = await this.escalations.list(q, actor);
    } catch (err) {
      const fields = formErrors(err);
      if (!fields) throw err;
      errors = fields;
    }
    const names = await this.defenderNames(
      page.data.flatMap((e) => e.defenderIds),
      actor,
    );
    const today = this.clock.today();
    const rows = page.data.map((e) => ({
      ...e,
      clock: clockLines(e, today)[0],
      defenderNames: e.defenderIds.map((id) => names.get(id) ?? '').join(', '),
    }));
    const forDefender =
      filters.defenderId && !errors
        ? (names.get(filters.defenderId) ??
          (await this.defenderNames([filters.defenderId], actor)).get(filters.defenderId))
        : undefined;
    return this.views.send(
      req,
      reply,
      'escalations/list',
      {
        rows,
        filters,
        errors,
        forDefender,
        states: ALL_STATES,
        mechanisms: MECHANISMS,
        kinds: ESCALATION_KINDS,
        nextHref: page.nextCursor
          ? `/app/escalations${queryString({ ...filters, cursor: page.nextCursor })}`
          : undefined,
        firstHref: cursor ? `/app/escalations${queryString(filters)}` : undefined,
        filtered: Object.values(filters).some((v) => v !== undefined),
      },
      { title: 'escalations.list.title', section: 'escalations', status: errors ? 400 : 200 },
    );
  }

  // ---- start one from a profile ------------------------------------------------------------

  @Get('defenders/:id/escalations/new')
  @Roles(...EDITORS)
  async newForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    return this.renderNew(req, reply, actor, id, { ownerId: actor.userId });
  }

  @Post('defenders/:id/escalations/new')
  @Roles(...EDITORS)
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const again = picking(body);
    if (again) return this.renderNew(req, reply, actor, id, refill(again));
    const kind = text(body, 'kind');
    const mechanisms = (ESCALATION_KINDS as readonly string[]).includes(kind ?? '')
      ? KIND_MECHANISMS[kind as EscalationKind]
      : [];
    const circumstances = text(body, 'circumstances');
    const summary = text(body, 'summary');
    const partnerIds = many(body, 'partnerIds');
    try {
      const input = await validateAs(
        CreateEscalationDto,
        defined({
          // The case the form was opened from, and the people arrested with them.
          defenderIds: [id, ...many(body, 'defenderIds').filter((d) => d !== id)],
          kind,
          // A kind that goes to one mechanism only needs no choice.
          mechanism:
            text(body, 'mechanism') ?? (mechanisms.length === 1 ? mechanisms[0] : undefined),
          ownerId: text(body, 'ownerId'),
          unReference: text(body, 'unReference'),
          targetRapporteurs: list(body, 'targetRapporteurs'),
          hrcSession: text(body, 'hrcSession'),
          // Asked only for the kinds counting from it; a date left in a field the page hid
          // for another kind is not saved.
          meetingOn: MEETING_DATED_KINDS.includes(kind ?? '') ? text(body, 'meetingOn') : undefined,
          notes: text(body, 'notes'),
          content: circumstances || summary ? defined({ circumstances, summary }) : undefined,
          partnerIds: partnerIds.length ? partnerIds : undefined,
        }),
      );
      const view = await this.escalations.create(input, actor);
      return reply.redirect(`/app/escalations/${view.id}?notice=escalations.notices.created`, 303);
    } catch (err) {
      const fields = formErrors(err);
      if (!fields) throw err;
      const errors = renameErrors(fields, {
        'content.circumstances': 'circumstances',
        'content.summary': 'summary',
        defenderIds: '_',
      });
      return this.renderNew(req, reply, actor, id, refill(body), errors, 400);
    }
  }

  private async renderNew(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    defenderId: string,
    values: FormBody,
    errors?: FieldErrorMap,
    status = 200,
  ) {
    const defender = await this.defenders.get(defenderId, actor);
    return this.views.send(
      req,
      reply,
      'escalations/new',
      {
        defender: { id: defender.id, fullName: defender.fullName },
        values,
        errors,
        kinds: ESCALATION_KINDS,
        mechanisms: MECHANISMS,
        meetingKinds: MEETING_DATED_KINDS.join(' '),
        pickers: await this.pickers.form(
          req,
          actor,
          values,
          escalationPickers({ exclude: [defender.id], group: true }),
        ),
      },
      {
        title: 'escalations.new.title',
        titleParams: { name: defender.fullName },
        section: 'escalations',
        status,
      },
    );
  }

  /** Defenders' names the actor may see: one query, need-to-know applied by the service. */
  private defenderNames(ids: string[], actor: AuthenticatedActor): Promise<Map<string, string>> {
    return this.defenders.names(ids, actor);
  }
}
