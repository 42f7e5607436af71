import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  decidesAccess,
  DefendersService,
  SolidarityService,
  type ActionView,
  type AuthenticatedActor,
  type PartnerView,
} from '@witness/domain';
import { Clock, ValidationFailedError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { CurrentActor } from '../../http/actor.decorator';
import {
  ActionQueryDto,
  CreateActionDto,
  IdParams,
  UpdateActionDto,
} from '../../solidarity/solidarity.dto';
import { Pickers, picking } from '../picker';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import {
  checkbox,
  errorMap,
  formErrors,
  formVersion,
  integer,
  list,
  many,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';
import { caseNames, EDITORS, isStale, PAGE_SIZE, presetCase, STAFF } from '../work-web.shared';
import { queryWith } from '../work-web.util';

const REACH_FIELDS = ['signatures', 'participants', 'organisations', 'impressions'] as const;

/** Solidarity actions: the list, one action, and its form. */
@ApiExcludeController()
@Controller('app')
export class SolidarityWebController {
  constructor(
    private readonly views: Views,
    private readonly solidarity: SolidarityService,
    private readonly defenders: DefendersService,
    private readonly clock: Clock,
    private readonly pickers: Pickers,
  ) {}

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
      caseNames(
        this.defenders,
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
    const preset = presetCase(defenderId);
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
      caseNames(this.defenders, actor, a.defenderIds),
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
    const version = formVersion(body);
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
