import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AnnexesService,
  DefendersService,
  DetentionService,
  DossiersService,
  ESCALATION_KINDS,
  EscalationsService,
  KIND_MECHANISMS,
  MECHANISMS,
  PUBLIC_CHARGE_EVENT_TYPES,
  PublicationService,
  PublicPhotoService,
  QuestionnaireService,
  seesSensitive,
  SolidarityService,
  UsersService,
  type AuthenticatedActor,
  type DossierView,
  type EscalationKind,
  type EscalationView,
  type PublicationView,
  type PublicProfile,
} from '@witness/domain';
import { AppError, Clock, NotFoundError, ValidationFailedError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import { sendDossierBundle, sendDossierFile } from '../dossiers/dossiers.controller';
import { PutAnnexesDto } from '../escalations/annex.dto';
import { Roles } from '../auth/policy.decorators';
import { DefenderIdParams } from '../defenders/defender.dto';
import { DossierIdParams, DossierRequestDto } from '../dossiers/dossiers.controller';
import {
  CreateEscalationDto,
  EscalationIdParams,
  EscalationQueryDto,
  TransitionDto,
  UpdateEscalationDto,
} from '../escalations/escalation.dto';
import { CurrentActor } from '../http/actor.decorator';
import { sendImage } from '../public/public-http';
import { PutPublicationDto } from '../publication/publication.dto';
import { completenessPanel } from './escalations-web.questionnaire-form';
import {
  ALL_STATES,
  clockLines,
  DECIDERS,
  EDITORS,
  isVersionConflict,
  STAFF,
  versionOf,
  queryString,
  renameErrors,
  stepForms,
} from './escalations-web.view';
import { Pickers, picking, type PickerSpec } from './picker';
import { Views, type FieldErrorMap, type WebRequest } from './views';
import {
  defined,
  formErrors,
  integer,
  list,
  many,
  nullableText,
  refill,
  text,
  validateAs,
  type FormBody,
} from './web-form';

const DOSSIER_LANGUAGES = ['en', 'fr', 'es'] as const;
const DOSSIER_FORMATS = ['pdf', 'html'] as const;
const DOSSIER_EDITIONS = ['submission', 'public'] as const;
const CATEGORIES = ['I', 'II', 'III', 'IV', 'V'] as const;

/** Filters of the list, as the API's list offers them. */
const LIST_FILTERS = ['state', 'mechanism', 'kind', 'defenderId', 'dueBefore'] as const;

type QueryParams = Record<string, string | string[] | undefined>;

/** After a refused step, update or request: what the escalation page shows again. */
interface EscalationPageState {
  failedStep?: { to: string; values: Record<string, unknown>; errors: FieldErrorMap };
  workflowError?: string;
  edit?: { values: FormBody; errors?: FieldErrorMap; conflict?: string };
  dossier?: { values: FormBody; errors?: FieldErrorMap; refusal?: string; missing?: string[] };
  annexes?: { values: FormBody; errors?: FieldErrorMap; conflict?: string };
}

/**
 * The picker's choice in order: the ticked documents by the position typed next to each
 * (blank: after the numbered ones, in the order shown). A position that is not a whole number
 * from 1 is an error naming the document's field.
 */
function annexOrder(body: FormBody): { documentIds: string[]; errors?: FieldErrorMap } {
  const shown = many(body, 'shownIds');
  const ticked = new Set(many(body, 'documentIds'));
  const errors: FieldErrorMap = {};
  const keyed = [...ticked].map((id) => {
    const raw = text(body, `position-${id}`);
    const index = shown.indexOf(id);
    if (raw === undefined) return { id, key: Number.MAX_SAFE_INTEGER, index };
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) {
      errors[`position-${id}`] = 'must be a whole number from 1';
    }
    return { id, key: Number(raw), index };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return {
    documentIds: keyed.map((k) => k.id),
    errors: Object.keys(errors).length ? errors : undefined,
  };
}

/** Picker positions that are not whole numbers: shown like validation errors. */
class AnnexFormError extends Error {
  constructor(readonly fields: FieldErrorMap) {
    super('annex positions');
  }
}

function isConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.code === 'conflict';
}

/** A yes / no / not-recorded select as a boolean (anything else is left for validation). */
function yesNo(body: FormBody, name: string): boolean | string | undefined {
  const v = text(body, name);
  return v === 'yes' ? true : v === 'no' ? false : v;
}

const first = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
};

/** Escalations, dossiers and the publication preview. */
@ApiExcludeController()
@Controller('app')
export class EscalationsWebController {
  private readonly logger = new Logger('escalations-web');

  constructor(
    private readonly views: Views,
    private readonly escalations: EscalationsService,
    private readonly dossiers: DossiersService,
    private readonly publication: PublicationService,
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly solidarity: SolidarityService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly annexes: AnnexesService,
    private readonly photos: PublicPhotoService,
    private readonly pickers: Pickers,
    private readonly questionnaire: QuestionnaireService,
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

  // ---- one escalation --------------------------------------------------------------------

  @Get('escalations/:id')
  @Roles(...STAFF)
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
  ) {
    return this.renderEscalation(req, reply, actor, id);
  }

  @Post('escalations/:id/transition')
  @Roles(...EDITORS)
  async transition(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    const to = text(body, 'to') ?? '';
    const categories = many(body, 'categoriesFound');
    const plain = defined({
      to,
      date: text(body, 'date'),
      note: text(body, 'note'),
      unReference: text(body, 'unReference'),
      extensionDays: integer(body, 'extensionDays'),
      opinionNumber: text(body, 'opinionNumber'),
      arbitrary: yesNo(body, 'arbitrary'),
      categoriesFound: categories.length ? categories : undefined,
      releaseRequested: yesNo(body, 'releaseRequested'),
      compensationRequested: yesNo(body, 'compensationRequested'),
    });
    try {
      const input = await validateAs(TransitionDto, plain);
      await this.escalations.transition(id, input, actor);
      return reply.redirect(`/app/escalations/${id}?notice=escalations.notices.moved`, 303);
    } catch (err) {
      if (err instanceof ValidationFailedError) {
        const errors = renameErrors(formErrors(err) ?? {}, {});
        return this.renderEscalation(
          req,
          reply,
          actor,
          id,
          { failedStep: { to, values: refill(body), errors } },
          400,
        );
      }
      // An illegal step (someone moved it first) or a missing consent: said on the page.
      if (isConflict(err)) {
        return this.renderEscalation(req, reply, actor, id, { workflowError: err.message }, 409);
      }
      throw err;
    }
  }

  @Post('escalations/:id/edit')
  @Roles(...EDITORS)
  async update(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    const again = picking(body);
    if (again) return this.renderEscalation(req, reply, actor, id, { edit: { values: again } });
    // The summary is one part of the dossier's content: the rest is kept as it is (the
    // version guards against a change made in between).
    const content =
      'circumstances' in body
        ? {
            ...(await this.escalations.get(id, actor)).content,
            circumstances: nullableText(body, 'circumstances') ?? null,
          }
        : undefined;
    const plain = defined({
      content,
      unReference: nullableText(body, 'unReference'),
      extensionDays: 'extensionDays' in body ? (integer(body, 'extensionDays') ?? 0) : undefined,
      hrcSession: nullableText(body, 'hrcSession'),
      notes: nullableText(body, 'notes'),
      targetRapporteurs: list(body, 'targetRapporteurs'),
      ownerId: text(body, 'ownerId'),
      partnerIds: 'partnersShown' in body ? many(body, 'partnerIds') : undefined,
      // The group's cases: only a draft's form shows them.
      defenderIds: 'defendersShown' in body ? many(body, 'defenderIds') : undefined,
    });
    try {
      const patch = await validateAs(UpdateEscalationDto, plain);
      await this.escalations.update(id, patch, versionOf(body), actor);
      return reply.redirect(`/app/escalations/${id}?notice=escalations.notices.saved`, 303);
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.renderEscalation(
          req,
          reply,
          actor,
          id,
          { edit: { values: refill(body), conflict: err.message } },
          412,
        );
      }
      const fields = formErrors(err);
      if (!fields) throw err;
      return this.renderEscalation(
        req,
        reply,
        actor,
        id,
        {
          edit: {
            values: refill(body),
            errors: renameErrors(fields, { 'content.circumstances': 'circumstances' }),
          },
        },
        400,
      );
    }
  }

  /** The annex picker: the ticked documents, in the order given, with the page's version. */
  @Post('escalations/:id/annexes')
  @Roles(...EDITORS)
  async saveAnnexes(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    const order = annexOrder(body);
    try {
      if (order.errors) throw new AnnexFormError(order.errors);
      const input = await validateAs(
        PutAnnexesDto,
        defined({
          documentIds: order.documentIds,
          refreshVersions: text(body, 'refreshVersions') === 'true' ? true : undefined,
        }),
      );
      await this.annexes.set(id, input, versionOf(body), actor);
      return reply.redirect(
        `/app/escalations/${id}?notice=escalations.notices.annexesSaved#annexes`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.renderEscalation(
          req,
          reply,
          actor,
          id,
          { annexes: { values: refill(body), conflict: err.message } },
          412,
        );
      }
      const fields = err instanceof AnnexFormError ? err.fields : formErrors(err);
      if (!fields) throw err;
      // documentIds[2] is the third ticked document: name it by its own field.
      const errors: FieldErrorMap = {};
      for (const [k, v] of Object.entries(fields)) {
        const m = /^documentIds\[(\d+)\]$/.exec(k);
        const docId = m ? order.documentIds[Number(m[1])] : undefined;
        errors[docId ? `annex-${docId}` : k === 'documentIds' ? '_' : k] = v;
      }
      return this.renderEscalation(
        req,
        reply,
        actor,
        id,
        { annexes: { values: refill(body), errors } },
        400,
      );
    }
  }

  @Post('escalations/:id/dossiers')
  @Roles(...EDITORS)
  async requestDossier(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    try {
      const input = await validateAs(
        DossierRequestDto,
        defined({
          language: text(body, 'language'),
          format: text(body, 'format'),
          edition: text(body, 'edition'),
          acknowledgeIncomplete: text(body, 'acknowledgeIncomplete') === 'true' ? true : undefined,
        }),
      );
      await this.dossiers.request(id, input, actor);
      return reply.redirect(
        `/app/escalations/${id}?notice=escalations.notices.dossierRequested#dossiers`,
        303,
      );
    } catch (err) {
      if (err instanceof ValidationFailedError) {
        return this.renderEscalation(
          req,
          reply,
          actor,
          id,
          { dossier: { values: refill(body), errors: formErrors(err) ?? {} } },
          400,
        );
      }
      if (isConflict(err)) {
        return this.renderEscalation(
          req,
          reply,
          actor,
          id,
          { dossier: { values: refill(body), refusal: err.message } },
          409,
        );
      }
      // Something the mechanism requires is missing: listed, and asked to confirm in words.
      if (err instanceof AppError && err.code === 'incomplete') {
        const missing = (err.extra.missing as { label: string }[]).map((m) => m.label);
        return this.renderEscalation(
          req,
          reply,
          actor,
          id,
          { dossier: { values: refill(body), missing } },
          422,
        );
      }
      throw err;
    }
  }

  private async renderEscalation(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: EscalationPageState = {},
    status = 200,
  ) {
    const e = await this.escalations.get(id, actor);
    const editorRole = (EDITORS as readonly string[]).includes(actor.role);
    const [history, dossiers, latest, partners, annexSet, candidates, completeness] =
      await Promise.all([
        this.escalations.transitions(id, actor),
        this.dossiers.list(id, actor),
        this.dossiers.latestFor(id, actor),
        this.solidarity.partnersById(e.partnerIds, actor),
        this.annexes.get(id, actor),
        editorRole ? this.annexes.candidates(id, actor) : Promise.resolve([]),
        completenessPanel(this.questionnaire, id, actor),
      ]);
    const names = await this.defenderNames(e.defenderIds, actor);
    const people = await this.userNames([
      ...(e.ownerId ? [e.ownerId] : []),
      ...history.flatMap((h) => (h.actorId ? [h.actorId] : [])),
    ]);
    const meta = await this.views.meta(req, '');
    const lang = meta.lang;
    const tr = this.views.translator;
    const kindLabel = tr.t(lang, `vocab.escalationKinds.${e.kind}`);
    const defenderNames = e.defenderIds.map((d) => names.get(d) ?? '').join(', ');
    const editor = (EDITORS as readonly string[]).includes(actor.role);

    // The form of details: what was sent after a refusal, else what is saved.
    const editValues: FormBody = state.edit?.values ?? {
      unReference: e.unReference ?? '',
      extensionDays: String(e.extensionDays),
      hrcSession: e.hrcSession ?? '',
      notes: e.notes ?? '',
      targetRapporteurs: e.targetRapporteurs.join(', '),
      circumstances: e.content?.circumstances ?? '',
      ownerId: e.ownerId ?? '',
      partnerIds: e.partnerIds,
      defenderIds: e.defenderIds,
    };
    // The picker: after a refusal, what was ticked and typed; else what is saved.
    const annexValues = state.annexes?.values;
    const ticked = new Set(
      annexValues ? many(annexValues, 'documentIds') : annexSet.annexes.map((a) => a.documentId),
    );
    const annexPicker = candidates.map((c) => ({
      ...c,
      checked: ticked.has(c.documentId),
      position: annexValues
        ? (text(annexValues, `position-${c.documentId}`) ?? '')
        : c.chosen !== null
          ? String(c.chosen)
          : '',
      newer: c.pinnedVersionNo !== null && c.latestVersionNo > c.pinnedVersionNo,
      error:
        state.annexes?.errors?.[`annex-${c.documentId}`] ??
        state.annexes?.errors?.[`position-${c.documentId}`],
    }));
    const dossierValues: FormBody = state.dossier?.values ?? {
      language: 'en',
      format: 'pdf',
      edition: 'submission',
    };
    const outcome = e.outcome as {
      arbitrary?: boolean | null;
      categoriesFound?: string[];
      releaseRequested?: boolean | null;
      compensationRequested?: boolean | null;
    } | null;

    return this.views.send(
      req,
      reply,
      'escalations/show',
      {
        e,
        kindLabel,
        defenders: e.defenderIds.map((d) => ({ id: d, name: names.get(d) ?? '' })),
        defenderNames,
        ownerName: e.ownerId ? (people.get(e.ownerId) ?? '') : '',
        partners,
        editor,
        steps: stepForms(e, state.failedStep).map((s) => ({
          ...s,
          values: s.values ?? { date: this.clock.today() },
        })),
        yesNoOptions: [
          { value: 'yes', label: tr.t(lang, 'app.yes') },
          { value: 'no', label: tr.t(lang, 'app.no') },
        ],
        workflowError: state.workflowError,
        today: this.clock.today(),
        clock: clockLines(e, this.clock.today()),
        outcome,
        categories: CATEGORIES,
        releases: (e.releasesAfter ?? []).map((r) => ({
          ...r,
          name: names.get(r.defenderId) ?? '',
        })),
        history: history.map((h) => ({
          ...h,
          actorName: h.actorId ? (people.get(h.actorId) ?? '') : '',
        })),
        edit: {
          values: editValues,
          errors: state.edit?.errors,
          conflict: state.edit?.conflict,
          // After a conflict the form carries the new version: saving again applies the
          // changes over what the other person saved, having seen it above.
          version: e.version,
        },
        pickers: editor
          ? await this.pickers.form(
              req,
              actor,
              editValues,
              escalationPickers({ group: e.state === 'draft' }),
            )
          : {},
        groupEditable: e.state === 'draft',
        dossiers: dossiers.map((d) => ({
          ...d,
          stale: latest && latest.id === d.id ? latest.stale : undefined,
          status: new Handlebars.SafeString(
            this.views.render(
              'escalations/dossier-status',
              this.dossierStatus(d, actor),
              meta,
              true,
            ),
          ),
        })),
        latest,
        annexes: {
          list: annexSet.annexes.map((a) => ({
            ...a,
            newer: a.latestVersionNo > a.versionNo,
          })),
          picker: annexPicker,
          errors: state.annexes?.errors,
          conflict: state.annexes?.conflict,
          refreshVersions: annexValues ? text(annexValues, 'refreshVersions') === 'true' : false,
        },
        dossierForm: {
          values: dossierValues,
          errors: state.dossier?.errors,
          refusal: state.dossier?.refusal,
          missing: state.dossier?.missing,
        },
        completeness,
        languages: DOSSIER_LANGUAGES,
        formatOptions: DOSSIER_FORMATS.map((f) => ({
          value: f,
          label: tr.t(lang, `escalations.dossiers.formats.${f}`),
        })),
        editionOptions: DOSSIER_EDITIONS.map((ed) => ({
          value: ed,
          label: tr.t(lang, `escalations.dossiers.editionOptions.${ed}`),
        })),
      },
      {
        title: 'escalations.show.title',
        titleParams: { kind: kindLabel, names: defenderNames },
        section: 'escalations',
        status,
      },
    );
  }

  // ---- dossiers ----------------------------------------------------------------------------

  /** The dossier's status, as the escalation page shows it; polled while it renders. */
  @Get('dossiers/:id/status')
  @Roles(...STAFF)
  async dossierStatusFragment(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DossierIdParams,
  ) {
    const d = await this.dossiers.get(id, actor);
    return this.views.fragment(
      req,
      reply,
      'escalations/dossier-status',
      this.dossierStatus(d, actor),
    );
  }

  /** The file, as the API's download route sends it (same service, same headers). */
  @Get('dossiers/:id/download')
  @Roles(...STAFF)
  async download(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DossierIdParams,
    @Query() query: QueryParams,
  ) {
    const format = first(query.format);
    if (format !== undefined && !(DOSSIER_FORMATS as readonly string[]).includes(format)) {
      throw ValidationFailedError.field('format', 'must be one of pdf, html');
    }
    const file = await this.dossiers.content(id, actor);
    if (format !== undefined && !file.fileName.endsWith(`.${format}`)) {
      throw new NotFoundError(`Dossier as ${format}`, id);
    }
    await sendDossierFile(reply, file);
  }

  /** The dossier with its annexes as a ZIP, as the API sends it (same service, same headers). */
  @Get('dossiers/:id/bundle')
  @Roles(...STAFF)
  async bundle(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DossierIdParams,
  ) {
    sendDossierBundle(reply, await this.annexes.bundle(id, actor), this.logger);
  }

  private dossierStatus(d: DossierView, actor: AuthenticatedActor) {
    return {
      dossier: d,
      polling: d.state === 'queued' || d.state === 'rendering',
      ready: d.state === 'ready',
      failed: d.state === 'failed',
      // Viewers may download public editions only (the service refuses the rest).
      downloadable: d.state === 'ready' && (d.edition === 'public' || seesSensitive(actor)),
    };
  }

  // ---- publication preview -------------------------------------------------------------------

  @Get('defenders/:id/publication')
  @Roles(...STAFF)
  async publicationPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    return this.renderPublication(req, reply, actor, id);
  }

  /** The preview's photo: the copy the public feed serves (or would), for staff. */
  @Get('defenders/:id/publication/photo')
  @Roles(...STAFF)
  async publicationPhoto(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    const image = await this.photos.previewImage(id, actor);
    return sendImage(req, reply, image, 'private, no-store');
  }

  @Post('defenders/:id/publication')
  @Roles(...DECIDERS)
  async publish(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const featured = text(body, 'featured');
    const photoUrl = text(body, 'photoUrl');
    const photoAlt = text(body, 'photoAlt');
    // One photo: a document chosen in the list, or an address; the description goes with it.
    const photoDocumentId =
      'photoDocumentId' in body ? (text(body, 'photoDocumentId') ?? null) : undefined;
    const version = integer(body, 'version');
    try {
      const input = await validateAs(
        PutPublicationDto,
        defined({
          featured: featured === 'true' ? true : featured === 'false' ? false : featured,
          displayName: text(body, 'displayName'),
          publicSummary: text(body, 'publicSummary'),
          publicStory: nullableText(body, 'publicStory'),
          photo:
            'photoUrl' in body
              ? photoUrl || (photoAlt && !photoDocumentId)
                ? defined({ url: photoUrl ?? '', alt: photoAlt ?? '' })
                : photoDocumentId
                  ? undefined
                  : null
              : undefined,
          photoDocumentId,
          photoAlt: photoDocumentId ? (photoAlt ?? null) : undefined,
          publicChargeEventIds:
            'chargesShown' in body ? many(body, 'publicChargeEventIds') : undefined,
        }),
      );
      // With the version read: change it; without: create it, never overwrite.
      const pre = typeof version === 'number' ? { ifMatch: version } : { ifNoneMatchAny: true };
      const { view } = await this.publication.put(id, input, pre, actor);
      const notice = view.featured ? (view.live ? 'featured' : 'featuredNotLive') : 'notFeatured';
      return reply.redirect(
        `/app/defenders/${id}/publication?notice=publication.notices.${notice}`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.renderPublication(
          req,
          reply,
          actor,
          id,
          { values: refill(body), conflict: err.message },
          412,
        );
      }
      // Featuring refused (no consent, a restricted or archived case): said plainly.
      if (isConflict(err)) {
        return this.renderPublication(
          req,
          reply,
          actor,
          id,
          { values: refill(body), refusal: err.message },
          409,
        );
      }
      const fields = formErrors(err);
      if (!fields) throw err;
      const errors = renameErrors(fields, {
        'photo.url': 'photoUrl',
        'photo.alt': 'photoAlt',
        photo: 'photoUrl',
      });
      return this.renderPublication(req, reply, actor, id, { values: refill(body), errors }, 400);
    }
  }

  private async renderPublication(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: { values?: FormBody; errors?: FieldErrorMap; refusal?: string; conflict?: string } = {},
    status = 200,
  ) {
    const defender = await this.defenders.get(id, actor, { archived: true });
    let pub: PublicationView | null = null;
    let preview: PublicProfile | null = null;
    try {
      pub = await this.publication.get(id, actor);
      preview = await this.publication.preview(id, actor);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const decider = (DECIDERS as readonly string[]).includes(actor.role);
    const events = decider ? await this.detention.list(id, actor) : [];
    const photoChoices =
      decider && !defender.archivedAt ? await this.publication.photoChoices(id, actor) : [];
    const chosenPhoto = state.values
      ? (text(state.values, 'photoDocumentId') ?? '')
      : (pub?.photoDocumentId ?? '');
    const cleared = new Set(
      state.values ? many(state.values, 'publicChargeEventIds') : (pub?.publicChargeEventIds ?? []),
    );
    const values: FormBody = state.values ?? {
      displayName: pub?.displayName ?? defender.fullName,
      publicSummary: pub?.publicSummary ?? '',
      publicStory: pub?.publicStory ?? '',
      photoUrl: pub?.photo?.url ?? '',
      photoAlt: pub?.photoAlt ?? pub?.photo?.alt ?? '',
    };
    const consents = defender.consents;
    return this.views.send(
      req,
      reply,
      'publication/preview',
      {
        defender: { id: defender.id, fullName: defender.fullName, access: defender.access },
        pub,
        preview,
        previewImage: previewImage(id, preview),
        photoChoices: photoChoices.map((c) => ({ ...c, selected: c.documentId === chosenPhoto })),
        consents: consents
          ? (['public_profile', 'photo'] as const).map((purpose) => ({
              purpose,
              ...consents[purpose],
            }))
          : [],
        decider,
        values,
        errors: state.errors,
        refusal: state.refusal,
        conflict: state.conflict,
        charges: events
          .filter((ev) => (PUBLIC_CHARGE_EVENT_TYPES as readonly string[]).includes(ev.type))
          .map((ev) => ({
            id: ev.id,
            type: ev.type,
            occurredOn: ev.occurredOn,
            charges: ev.charges,
            legalBasis: ev.legalBasis,
            checked: cleared.has(ev.id),
          })),
      },
      {
        title: 'publication.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
        status,
      },
    );
  }

  // ---- names -------------------------------------------------------------------------------

  /** Defenders' names the actor may see: one query, need-to-know applied by the service. */
  private defenderNames(ids: string[], actor: AuthenticatedActor): Promise<Map<string, string>> {
    return this.defenders.names(ids, actor);
  }

  private userNames(ids: string[]): Promise<Map<string, string>> {
    return this.users.names(ids);
  }
}

/**
 * The escalation forms' pickers: the owner (an active caseworker, coordinator or admin, as
 * the service accepts), the partners supported, and the people arrested together (a draft's
 * group; on the new form, the others than the case it is opened from).
 */
function escalationPickers(o: { exclude?: string[]; group: boolean }): PickerSpec[] {
  return [
    { name: 'ownerId', source: 'users', roles: EDITORS, required: true },
    { name: 'partnerIds', source: 'partners', multiple: true },
    ...(o.group
      ? [{ name: 'defenderIds', source: 'defenders' as const, multiple: true, exclude: o.exclude }]
      : []),
  ];
}

/**
 * The preview's photo from the documents, as the staff route serves it (the public copy's
 * token busts the browser's cache when the photo changes), shown at most 240 pixels wide.
 */
function previewImage(
  defenderId: string,
  preview: PublicProfile | null,
): { src: string; width: number; height: number } | null {
  const photo = preview?.photo;
  if (!photo?.width || !photo.height) return null;
  const token = /[?&]v=([A-Za-z0-9_-]+)/.exec(photo.url)?.[1] ?? '';
  const scale = Math.min(1, 240 / photo.width);
  return {
    src: `/app/defenders/${defenderId}/publication/photo?v=${token}`,
    width: Math.round(photo.width * scale),
    height: Math.max(1, Math.round(photo.height * scale)),
  };
}
