import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AnnexesService,
  DossiersService,
  EscalationsService,
  type AuthenticatedActor,
} from '@witness/domain';
import { AppError, ValidationFailedError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { DossierRequestDto } from '../../dossiers/dossiers.controller';
import { PutAnnexesDto } from '../../escalations/annex.dto';
import {
  CorrectStepDateDto,
  EscalationIdParams,
  EscalationTransitionParams,
  TransitionDto,
  UpdateEscalationDto,
} from '../../escalations/escalation.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { picking } from '../picker';
import { type FieldErrorMap, type WebRequest } from '../views';
import {
  defined,
  formErrors,
  formVersion,
  integer,
  list,
  many,
  nullableText,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';
import { EscalationPage } from './detail.page';
import {
  annexScanRefusal,
  DECIDERS,
  EDITORS,
  isConflict,
  isVersionConflict,
  refusedStep,
  renameErrors,
  STAFF,
} from './view';

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

/** A yes / no / not-recorded select as a boolean (anything else is left for validation). */
function yesNo(body: FormBody, name: string): boolean | string | undefined {
  const v = text(body, name);
  return v === 'yes' ? true : v === 'no' ? false : v;
}

/** One escalation: its page, its steps, its details, its annexes and its dossier requests. */
@ApiExcludeController()
@Controller('app')
export class EscalationWebController {
  constructor(
    private readonly page: EscalationPage,
    private readonly escalations: EscalationsService,
    private readonly dossiers: DossiersService,
    private readonly annexes: AnnexesService,
  ) {}

  @Get('escalations/:id')
  @Roles(...STAFF)
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
  ) {
    return this.page.render(req, reply, actor, id);
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
      // A date before the previous step's: said on the step's form, naming its date.
      if (err instanceof AppError && err.code === 'incomplete' && err.extra.field === 'date') {
        const errors = { date: err.message };
        return this.page.render(
          req,
          reply,
          actor,
          id,
          { failedStep: { to, values: refill(body), errors } },
          422,
        );
      }
      if (err instanceof ValidationFailedError) {
        const errors = renameErrors(formErrors(err) ?? {}, {});
        return this.page.render(
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
        const refused = refusedStep(err.extra);
        const state = refused ? { refusedStep: refused } : { workflowError: err.message };
        return this.page.render(req, reply, actor, id, state, 409);
      }
      throw err;
    }
  }

  /** A step's date, corrected by a coordinator or an admin: the clock is derived again. */
  @Post('escalations/:id/transitions/:transitionId/date')
  @Roles(...DECIDERS)
  async correctStepDate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id, transitionId }: EscalationTransitionParams,
    @Body() body: FormBody,
  ) {
    const occurredOn = text(body, 'occurredOn');
    const refused = (error: string, status: number) =>
      this.page.render(
        req,
        reply,
        actor,
        id,
        { stepDate: { transitionId, value: occurredOn ?? '', error } },
        status,
      );
    try {
      const input = await validateAs(CorrectStepDateDto, defined({ occurredOn }));
      await this.escalations.correctStepDate(
        id,
        transitionId,
        input.occurredOn,
        formVersion(body),
        actor,
      );
      return reply.redirect(
        `/app/escalations/${id}?notice=escalations.notices.stepDateCorrected#history`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) return refused(err.message, 412);
      // Out of order: the message names the neighbouring step's date.
      if (err instanceof AppError && err.code === 'incomplete') return refused(err.message, 422);
      const fields = formErrors(err);
      if (!fields) throw err;
      return refused(fields.occurredOn ?? Object.values(fields)[0], 400);
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
    if (again) return this.page.render(req, reply, actor, id, { edit: { values: again } });
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
      meetingOn: nullableText(body, 'meetingOn'),
      notes: nullableText(body, 'notes'),
      targetRapporteurs: list(body, 'targetRapporteurs'),
      ownerId: text(body, 'ownerId'),
      partnerIds: 'partnersShown' in body ? many(body, 'partnerIds') : undefined,
      // The group's cases: only a draft's form shows them.
      defenderIds: 'defendersShown' in body ? many(body, 'defenderIds') : undefined,
    });
    try {
      const patch = await validateAs(UpdateEscalationDto, plain);
      await this.escalations.update(id, patch, formVersion(body), actor);
      return reply.redirect(`/app/escalations/${id}?notice=escalations.notices.saved`, 303);
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.page.render(
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
      return this.page.render(
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
      await this.annexes.set(id, input, formVersion(body), actor);
      return reply.redirect(
        `/app/escalations/${id}?notice=escalations.notices.annexesSaved#annexes`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.page.render(
          req,
          reply,
          actor,
          id,
          { annexes: { values: refill(body), conflict: err.message } },
          412,
        );
      }
      const refusal = annexScanRefusal(err);
      const fields = err instanceof AnnexFormError ? err.fields : (refusal ?? formErrors(err));
      if (!fields) throw err;
      // documentIds[2] is the third ticked document: name it by its own field.
      const errors: FieldErrorMap = {};
      for (const [k, v] of Object.entries(fields)) {
        const m = /^documentIds\[(\d+)\]$/.exec(k);
        const docId = m ? order.documentIds[Number(m[1])] : undefined;
        errors[docId ? `annex-${docId}` : k === 'documentIds' ? '_' : k] = v;
      }
      return this.page.render(
        req,
        reply,
        actor,
        id,
        { annexes: { values: refill(body), errors } },
        refusal ? 409 : 400,
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
        return this.page.render(
          req,
          reply,
          actor,
          id,
          { dossier: { values: refill(body), errors: formErrors(err) ?? {} } },
          400,
        );
      }
      if (isConflict(err)) {
        return this.page.render(
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
        return this.page.render(
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
}
