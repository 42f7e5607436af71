import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ACCESS_LEVELS,
  assignable,
  ROLES,
  CASE_EDITORS,
  CONSENT_DECISIONS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONTACT_RELATIONS,
  ConsentsService,
  DEFENDER_STATUSES,
  decidesAccess,
  DefendersService,
  DetentionService,
  DocumentsService,
  EscalationsService,
  EVENT_TYPES,
  HRD_FOCUSES,
  isDeprivedOfLiberty,
  MilestonesService,
  RISK_LEVELS,
  seesAllCases,
  SEXES,
  SolidarityService,
  UsersService,
  VERIFICATION_LEVELS,
  type AuthenticatedActor,
  type DefenderView,
  type DetentionEventView,
} from '@witness/domain';
import { AppError, Clock, versionFromIfMatch, type AuditView } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { AssignDto, AssigneeParams, CreateConsentDto } from '../cases/consent.dto';
import { HistoryQueryDto } from '../cases/history.dto';
import {
  CreateDefenderDto,
  DefenderIdParams,
  DefenderListQueryDto,
  UpdateDefenderDto,
} from '../defenders/defender.dto';
import { CreateEventDto, EventParams, UpdateEventDto } from '../defenders/event.dto';
import { CurrentActor } from '../http/actor.decorator';
import {
  BLANK_CONTACT_ROWS,
  changedFields,
  createInput,
  decodeDefenderSnapshot,
  decodeEventSnapshot,
  DEFENDER_FIELDS,
  defenderFormFromBody,
  defenderFormFromView,
  emptyDefenderForm,
  emptyEventForm,
  encodeSnapshot,
  eventChangedFields,
  eventCreateInput,
  eventFormFromBody,
  eventFormFromView,
  eventPatchInput,
  formVersion,
  overlay,
  overlayEvent,
  patchInput,
  splitContactErrors,
  type DefenderField,
  type DefenderForm,
  type EventForm,
} from './defenders-web.forms';
import { documentRows } from './documents-web.controller';
import { Pickers, picking } from './picker';
import { Views, type FieldErrorMap, type WebRequest } from './views';
import { defined, formErrors, refill, text, validateAs, type FormBody } from './web-form';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;
const DECIDERS = ['coordinator', 'admin'] as const;
/** The roles a case can be assigned to (the access policy's rule). */
const ASSIGNABLE_ROLES = ROLES.filter((r) => assignable(r));

/** Defenders per list page unless the address asks for another size. */
const PAGE_SIZE = 25;
const LIST_FILTERS = ['q', 'country', 'status', 'hrdFocus', 'riskLevel', 'tag'] as const;
/** The newest documents a profile shows (the rest on /app/defenders/:id/documents). */
const PROFILE_DOCUMENTS = 10;

/** The closed vocabularies the forms offer. */
const VOCAB = {
  sexes: SEXES,
  hrdFocuses: HRD_FOCUSES,
  riskLevels: RISK_LEVELS,
  accessLevels: ACCESS_LEVELS,
  defenderStatuses: DEFENDER_STATUSES,
  contactRelations: CONTACT_RELATIONS,
  eventTypes: EVENT_TYPES,
  verificationLevels: VERIFICATION_LEVELS,
  consentPurposes: CONSENT_PURPOSES,
  consentDecisions: CONSENT_DECISIONS,
  consentGivers: CONSENT_GIVERS,
  consentMethods: CONSENT_METHODS,
};

/** What a profile page shows besides the record: a form being corrected after a post. */
interface ProfileState {
  eventForm?: EventForm;
  eventErrors?: FieldErrorMap;
  correction?: {
    eventId: string;
    form: EventForm;
    errors?: FieldErrorMap;
    conflict?: boolean;
    version: number | string;
    base: string;
  };
  consentForm?: Record<string, string>;
  consentErrors?: FieldErrorMap;
  assignErrors?: FieldErrorMap;
  /** The assign form as sent by its picker's Search or Remove button. */
  assignValues?: FormBody;
}

/**
 * Defenders: list and search, profile (timeline, contacts, consents, assignees, escalations,
 * solidarity actions, milestones), create and edit, history. The same services, actor and
 * role policies as the API's DefendersController, EventsController and CaseAccessController.
 */
@ApiExcludeController()
@Controller('app')
export class DefendersWebController {
  constructor(
    private readonly views: Views,
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly consents: ConsentsService,
    private readonly milestones: MilestonesService,
    private readonly escalations: EscalationsService,
    private readonly solidarity: SolidarityService,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly pickers: Pickers,
  ) {}

  /* ------------------------------------------------------------------ list */

  @Get('defenders')
  @Roles(...STAFF)
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: Record<string, unknown>,
  ) {
    const filters: Record<string, string> = {};
    for (const k of [...LIST_FILTERS, 'cursor', 'limit']) {
      const v = firstString(query[k]);
      if (v !== undefined && v.trim() !== '') filters[k] = v.trim();
    }
    let errors: FieldErrorMap | undefined;
    let rows: DefenderView[] = [];
    let nextCursor: string | null = null;
    try {
      const dto = await validateAs(DefenderListQueryDto, { ...filters });
      const page = await this.defenders.list({ ...dto, limit: dto.limit ?? PAGE_SIZE }, actor);
      rows = page.data;
      nextCursor = page.nextCursor;
    } catch (err) {
      errors = formErrors(err) ?? undefined;
      if (!errors) throw err;
    }
    const keep = new URLSearchParams();
    for (const k of [...LIST_FILTERS, 'limit'] as const) if (filters[k]) keep.set(k, filters[k]);
    const next = new URLSearchParams(keep);
    if (nextCursor) next.set('cursor', nextCursor);
    return this.views.send(
      req,
      reply,
      'defenders/list',
      {
        filters,
        errors,
        rows: rows.map((d) => ({ ...d, badge: statusBadge(d.status) })),
        filtered: LIST_FILTERS.some((k) => filters[k]),
        nextUrl: nextCursor ? `/app/defenders?${next.toString()}` : null,
        firstUrl: filters.cursor ? `/app/defenders${keep.size ? `?${keep.toString()}` : ''}` : null,
        vocab: VOCAB,
      },
      { title: 'defenders.list.title', section: 'defenders', status: errors ? 400 : 200 },
    );
  }

  /* ---------------------------------------------------------------- create */

  @Get('defenders/new')
  @Roles(...EDITORS)
  async newForm(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.renderForm(req, reply, { mode: 'create', form: emptyDefenderForm() });
  }

  @Post('defenders/new')
  @Roles(...EDITORS)
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const form = defenderFormFromBody(body ?? {});
    try {
      const input = await validateAs(CreateDefenderDto, createInput(form));
      const view = await this.defenders.create(input, actor);
      return reply.redirect(`/app/defenders/${view.id}?notice=created`, 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.renderForm(req, reply, { mode: 'create', form, errors }, 400);
    }
  }

  /* --------------------------------------------------------------- profile */

  @Get('defenders/:id')
  @Roles(...STAFF)
  async profile(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    return this.renderProfile(req, reply, actor, id, {});
  }

  /* ------------------------------------------------------------------ edit */

  @Get('defenders/:id/edit')
  @Roles(...EDITORS)
  async editForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    const view = await this.defenders.get(id, actor);
    const form = defenderFormFromView(view);
    return this.renderForm(req, reply, {
      mode: 'edit',
      defender: view,
      form,
      version: view.version,
      base: encodeSnapshot(form),
    });
  }

  @Post('defenders/:id/edit')
  @Roles(...EDITORS)
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    body ??= {};
    const mine = defenderFormFromBody(body);
    // The version read when the form was opened, checked as the API checks If-Match.
    const version = versionFromIfMatch(formVersion(body));
    const rawBase = text(body, 'base');
    const base =
      decodeDefenderSnapshot(rawBase) ?? defenderFormFromView(await this.defenders.get(id, actor));
    // The edit form offers `access` only to deciders: a form without it keeps the case's
    // access (never the "standard" an empty field would mean). A forged one is sent on, and
    // the service refuses it (403) unless the actor decides access.
    if (text(body, 'access') === undefined) mine.access = base.access;
    const fields = changedFields(mine, base);
    try {
      const patch = await validateAs(UpdateDefenderDto, patchInput(mine, fields));
      await this.defenders.update(id, patch, version, actor);
      return reply.redirect(`/app/defenders/${id}?notice=saved`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'precondition_failed') {
        return this.renderConflict(req, reply, actor, id, mine, fields);
      }
      const errors = formErrors(err);
      if (!errors) throw err;
      const view = await this.defenders.get(id, actor);
      return this.renderForm(
        req,
        reply,
        {
          mode: 'edit',
          defender: view,
          form: mine,
          errors,
          version,
          base: rawBase ?? encodeSnapshot(base),
        },
        400,
      );
    }
  }

  /** Someone else saved first: their values beside mine, and my changes over the latest. */
  private async renderConflict(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    mine: DefenderForm,
    mineChanged: DefenderField[],
  ) {
    const current = await this.defenders.get(id, actor);
    const saved = defenderFormFromView(current);
    const lang = this.views.lang(req);
    const differs = changedFields(mine, saved);
    const comparison = DEFENDER_FIELDS.filter(
      (f) => differs.includes(f) || mineChanged.includes(f),
    ).map((f) => ({
      field: f,
      label: this.views.translator.t(lang, `defenders.fields.${f}`),
      mine: this.display(lang, mine, f),
      saved: this.display(lang, saved, f),
      changedByMe: mineChanged.includes(f),
    }));
    return this.renderForm(
      req,
      reply,
      {
        mode: 'edit',
        defender: current,
        form: overlay(saved, mine, mineChanged),
        version: current.version,
        base: encodeSnapshot(saved),
        conflict: { comparison },
      },
      412,
    );
  }

  /** A field's value as words, for the conflict comparison. */
  private display(lang: string, form: DefenderForm, f: DefenderField): string {
    const t = (key: string) => this.views.translator.t(lang, key);
    const none = t('defenders.none');
    switch (f) {
      case 'sex':
        return form.sex ? t(`vocab.sexes.${form.sex}`) : none;
      case 'riskLevel':
        return form.riskLevel ? t(`vocab.riskLevels.${form.riskLevel}`) : none;
      case 'access':
        return t(`vocab.accessLevels.${form.access}`);
      case 'hrdFocus':
        return form.hrdFocus.length
          ? form.hrdFocus.map((x) => t(`vocab.hrdFocuses.${x}`)).join(', ')
          : none;
      case 'contacts':
        return form.contacts.length
          ? form.contacts
              .map((c) =>
                [
                  `${c.name} (${c.relation ? t(`vocab.contactRelations.${c.relation}`) : '?'})`,
                  c.phone,
                  c.email,
                  c.notes,
                ]
                  .filter(Boolean)
                  .join(', '),
              )
              .join('; ')
          : none;
      case 'otherNames':
        return form.otherNames.split('\n').filter(Boolean).join(', ') || none;
      default:
        return (form[f] as string) || none;
    }
  }

  private async renderForm(
    req: WebRequest,
    reply: FastifyReply,
    data: {
      mode: 'create' | 'edit';
      form: DefenderForm;
      defender?: DefenderView;
      errors?: FieldErrorMap;
      version?: number | string;
      base?: string;
      conflict?: { comparison: unknown[] };
    },
    status = 200,
  ) {
    const split = splitContactErrors(data.errors ?? {});
    const contactRows = [
      ...data.form.contacts,
      ...Array.from({ length: BLANK_CONTACT_ROWS }, () => ({
        name: '',
        relation: '',
        phone: '',
        email: '',
        notes: '',
      })),
    ].map((row, i) => ({ ...row, index: i, number: i + 1, errors: split.rows[i] ?? {} }));
    const edit = data.mode === 'edit';
    // Anyone who may open a case chooses its access then (a caseworker may open it as
    // restricted); changing it later is for coordinators and admins (decidesAccess).
    const accessField = !edit || (req.actor !== undefined && decidesAccess(req.actor));
    return this.views.send(
      req,
      reply,
      'defenders/form',
      {
        ...data,
        edit,
        accessField,
        errors: data.errors ? split.errors : undefined,
        contactRows,
        action: edit ? `/app/defenders/${data.defender!.id}/edit` : '/app/defenders/new',
        vocab: VOCAB,
      },
      {
        title: edit ? 'defenders.form.editTitle' : 'defenders.form.createTitle',
        titleParams: { name: data.defender?.fullName },
        section: 'defenders',
        status,
      },
    );
  }

  @Post('defenders/:id/archive')
  @Roles(...EDITORS)
  async archive(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    await this.defenders.archive(id, actor);
    return reply.redirect('/app/defenders?notice=defenders.notices.archived', 303);
  }

  /* -------------------------------------------------------------- timeline */

  @Post('defenders/:id/events')
  @Roles(...EDITORS)
  async addEvent(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const form = eventFormFromBody(body ?? {});
    try {
      const input = await validateAs(CreateEventDto, eventCreateInput(form));
      await this.detention.add(id, input, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.eventAdded#timeline`,
        303,
      );
    } catch (err) {
      return this.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        eventForm: form,
        eventErrors: errors,
      }));
    }
  }

  @Post('defenders/:id/events/:eventId/correct')
  @Roles(...EDITORS)
  async correctEvent(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id, eventId }: EventParams,
    @Body() body: FormBody,
  ) {
    body ??= {};
    const mine = eventFormFromBody(body);
    const version = versionFromIfMatch(formVersion(body));
    const rawBase = text(body, 'base');
    const base =
      decodeEventSnapshot(rawBase) ??
      eventFormFromView(await this.detention.get(id, eventId, actor));
    const fields = eventChangedFields(mine, base);
    try {
      const patch = await validateAs(UpdateEventDto, eventPatchInput(mine, fields));
      await this.detention.update(id, eventId, patch, version, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.eventCorrected#event-${eventId}`,
        303,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'precondition_failed') {
        const current = await this.detention.get(id, eventId, actor);
        const saved = eventFormFromView(current);
        return this.renderProfile(
          req,
          reply,
          actor,
          id,
          {
            correction: {
              eventId,
              form: overlayEvent(saved, mine, fields),
              conflict: true,
              version: current.version,
              base: encodeSnapshot(saved),
            },
          },
          412,
        );
      }
      return this.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        correction: { eventId, form: mine, errors, version, base: rawBase ?? encodeSnapshot(base) },
      }));
    }
  }

  /* -------------------------------------------------------------- consents */

  @Post('defenders/:id/consents')
  @Roles(...EDITORS)
  async recordConsent(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    body ??= {};
    const fields = ['purpose', 'decision', 'givenBy', 'method', 'decidedOn', 'expiresOn', 'notes'];
    const form = Object.fromEntries(fields.map((f) => [f, text(body, f) ?? '']));
    try {
      const input = await validateAs(
        CreateConsentDto,
        defined(Object.fromEntries(fields.map((f) => [f, text(body, f)]))),
      );
      await this.consents.add(id, input, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.consentRecorded#consents`,
        303,
      );
    } catch (err) {
      return this.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        consentForm: form,
        consentErrors: errors,
      }));
    }
  }

  /* ------------------------------------------------------------- assignees */

  @Post('defenders/:id/assignees')
  @Roles(...DECIDERS)
  async assign(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const again = picking(body);
    if (again) return this.renderProfile(req, reply, actor, id, { assignValues: again });
    try {
      const input = await validateAs(AssignDto, { userId: text(body ?? {}, 'userId') ?? '' });
      await this.defenders.assign(id, input.userId, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.assigned#assignees`,
        303,
      );
    } catch (err) {
      return this.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        assignErrors: errors,
        assignValues: refill(body ?? {}),
      }));
    }
  }

  @Post('defenders/:id/assignees/:userId/remove')
  @Roles(...DECIDERS)
  async unassign(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id, userId }: AssigneeParams,
  ) {
    await this.defenders.unassign(id, userId, actor);
    return reply.redirect(
      `/app/defenders/${id}?notice=defenders.notices.unassigned#assignees`,
      303,
    );
  }

  /* --------------------------------------------------------------- history */

  @Get('defenders/:id/history')
  @Roles(...STAFF)
  async history(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Query() query: Record<string, unknown>,
  ) {
    const page = await validateAs(
      HistoryQueryDto,
      defined({ cursor: firstString(query.cursor), limit: firstString(query.limit) }),
    );
    const defender = await this.defenders.get(id, actor, { archived: true });
    const history = await this.defenders.history(id, actor, {
      limit: page.limit ?? 50,
      cursor: page.cursor,
    });
    const names = await this.userNames(history.data.map((e) => e.actorId));
    const next = new URLSearchParams();
    if (page.limit) next.set('limit', String(page.limit));
    if (history.nextCursor) next.set('cursor', history.nextCursor);
    return this.views.send(
      req,
      reply,
      'defenders/history',
      {
        defender,
        entries: history.data.map((e) => ({
          ...e,
          who: (e.actorId && names.get(e.actorId)) ?? null,
          changeList: describeChanges(e),
        })),
        nextUrl: history.nextCursor ? `/app/defenders/${id}/history?${next.toString()}` : null,
        firstUrl: page.cursor ? `/app/defenders/${id}/history` : null,
      },
      {
        title: 'defenders.history.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
      },
    );
  }

  /** Names of the users mentioned (one query); a user no longer on record shows by role. */
  private userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    return this.users.names(ids.filter((x): x is string => !!x));
  }

  /* --------------------------------------------------------- profile page */

  /**
   * A form on the profile failed: its field errors are shown on the profile, beside that
   * form (400); an error that is not about the input goes on to the error page.
   */
  private profileFormFailed(
    err: unknown,
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: (errors: FieldErrorMap) => ProfileState,
  ) {
    const errors = formErrors(err);
    if (!errors) throw err;
    return this.renderProfile(req, reply, actor, id, state(errors), 400);
  }

  private async renderProfile(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: ProfileState,
    status = 200,
  ) {
    // Need-to-know first: a case the actor may not see is a 404, as in the API.
    const defender = await this.defenders.get(id, actor);
    const editor = CASE_EDITORS.includes(actor.role);
    const decider = seesAllCases(actor);
    const [events, milestones, escalations, actions, assignees, documents] = await Promise.all([
      this.detention.list(id, actor),
      this.milestones.forDefender(id, { limit: 50 }, actor),
      this.escalations.forDefender(id, actor),
      this.solidarity.actions({ defenderId: id, limit: 50 }, actor),
      this.defenders.assignees(id, actor),
      // Only the documents this actor may see (confidential ones: assigned and deciders).
      this.documents.list(id, { limit: PROFILE_DOCUMENTS }, actor),
    ]);
    // The consent ledger is for caseworkers, coordinators and admins (as GET .../consents).
    const ledger = editor ? await this.consents.ledger(id, actor) : null;
    // Who can be assigned: active caseworkers and coordinators not assigned yet, by search.
    const assignPicker = decider
      ? await this.pickers.view(
          req,
          actor,
          {
            name: 'userId',
            id: 'assign-userId',
            source: 'users',
            roles: ASSIGNABLE_ROLES,
            required: true,
            exclude: assignees.map((a) => a.userId),
          },
          state.assignValues ?? {},
        )
      : undefined;
    return this.views.send(
      req,
      reply,
      'defenders/profile',
      {
        defender,
        badge: statusBadge(defender.status),
        open: defender.daysDetained !== null,
        showContacts: defender.contacts !== undefined,
        events: events.map((e) => this.eventRow(id, e, state)),
        addEvent: {
          form: state.eventForm ?? emptyEventForm(),
          errors: state.eventErrors,
          open: !!state.eventErrors,
        },
        milestones: milestones.data,
        escalations: escalations.data,
        actions: actions.data,
        documents: {
          rows: await documentRows(this.users, documents.data),
          more: documents.nextCursor !== null,
        },
        consents: CONSENT_PURPOSES.map((purpose) => ({
          purpose,
          ...(defender.consents?.[purpose] ?? { state: 'none', granted: false }),
        })),
        ledger: ledger?.entries ?? [],
        showLedger: ledger !== null,
        consentForm: state.consentForm ?? { decidedOn: this.clock.today() },
        consentErrors: state.consentErrors,
        assignees,
        assignPicker,
        assignErrors: state.assignErrors,
        editor,
        decider,
        vocab: VOCAB,
        warrantOptions: (['yes', 'no'] as const).map((v) => ({
          value: v,
          label: this.views.translator.t(this.views.lang(req), `app.${v}`),
        })),
      },
      {
        title: 'defenders.profile.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
        status,
      },
    );
  }

  private eventRow(defenderId: string, e: DetentionEventView, state: ProfileState) {
    const c = state.correction?.eventId === e.id ? state.correction : undefined;
    const form = c?.form ?? eventFormFromView(e);
    return {
      ...e,
      action: `/app/defenders/${defenderId}/events/${e.id}/correct`,
      form,
      errors: c?.errors,
      conflict: c?.conflict ?? false,
      open: !!c,
      version: c?.version ?? e.version,
      base: c?.base ?? encodeSnapshot(eventFormFromView(e)),
    };
  }
}

function firstString(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : undefined;
}

/** The badge class of a derived status (the words say it too: never colour alone). */
function statusBadge(status: string): string {
  if (isDeprivedOfLiberty(status)) return 'badge--detained';
  if (status === 'released') return 'badge--ok';
  return '';
}

/** An audit entry's changes as short lines: `field: from → to` (redacted values stay so). */
function describeChanges(e: AuditView): { field: string; from?: string; to?: string }[] {
  if (!e.changes) return [];
  return Object.entries(e.changes).map(([field, change]) => {
    if (change && typeof change === 'object' && !Array.isArray(change) && 'to' in change) {
      const c = change as { from?: unknown; to?: unknown };
      return { field, from: short(c.from), to: short(c.to) };
    }
    return { field, to: short(change) };
  });
}

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
