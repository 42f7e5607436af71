import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  dossierLocale,
  EscalationsService,
  FORMS,
  QuestionnaireService,
  seesSensitive,
  SOURCE_RELATIONS,
  templateKindFor,
  UsersService,
  type AuthenticatedActor,
} from '@witness/domain';
import { AuditService } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { EscalationIdParams, UpdateEscalationDto } from '../../escalations/escalation.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import {
  anchor,
  CATEGORIES,
  completenessPanel,
  contentFrom,
  shownYesNo,
  sourceFrom,
  typedFormValues,
  yesNo,
} from './questionnaire-form';
import { DECIDERS, EDITORS, isVersionConflict, STAFF } from './view';
import {
  defined,
  formErrors,
  formVersion,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';

interface PageState {
  typed?: { values: FormBody; errors?: FieldErrorMap; conflict?: string };
  answer?: { key: string; values: FormBody; errors?: FieldErrorMap; conflict?: string };
}

/**
 * The questionnaire of an escalation in the browser: every answer of its mechanism's form,
 * section by section, with the value drawn from the record beside the override (coordinators
 * override it or return it to the record), the questionnaire's own answers (summary,
 * categories and their arguments, remedies, source...) as the form of that mechanism asks
 * them, what is still missing, and the history of the overrides.
 */
@ApiExcludeController()
@Controller('app')
export class QuestionnaireWebController {
  constructor(
    private readonly views: Views,
    private readonly escalations: EscalationsService,
    private readonly questionnaire: QuestionnaireService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get('escalations/:id/questionnaire')
  @Roles(...STAFF)
  show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
  ) {
    return this.render(req, reply, actor, id);
  }

  /** The questionnaire's own answers and the source, as one PATCH of the escalation. */
  @Post('escalations/:id/questionnaire')
  @Roles(...EDITORS)
  async saveTyped(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    try {
      const e = await this.escalations.get(id, actor);
      const patch = await validateAs(
        UpdateEscalationDto,
        defined({
          content: contentFrom(body, e),
          sourceIdentity:
            seesSensitive(actor) && 'sourceShown' in body ? sourceFrom(body) : undefined,
        }),
      );
      await this.escalations.update(id, patch, formVersion(body), actor);
      return reply.redirect(
        `/app/escalations/${id}/questionnaire?notice=escalations.notices.questionnaireSaved`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.render(
          req,
          reply,
          actor,
          id,
          { typed: { values: refill(body), conflict: err.message } },
          412,
        );
      }
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.render(req, reply, actor, id, { typed: { values: refill(body), errors } }, 400);
    }
  }

  @Post('escalations/:id/answers/override')
  @Roles(...DECIDERS)
  override(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    return this.changeAnswer(req, reply, actor, id, body, 'override');
  }

  @Post('escalations/:id/answers/return')
  @Roles(...DECIDERS)
  returnToRecord(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: EscalationIdParams,
    @Body() body: FormBody,
  ) {
    return this.changeAnswer(req, reply, actor, id, body, 'return');
  }

  private async changeAnswer(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    body: FormBody,
    what: 'override' | 'return',
  ) {
    const field = text(body, 'field') ?? '';
    const defenderId = text(body, 'defenderId') ?? null;
    const key = `${field}@${defenderId ?? ''}`;
    try {
      const input = { field, defenderId };
      if (what === 'return') {
        await this.questionnaire.returnToRecord(id, input, formVersion(body), actor);
      } else {
        const raw = text(body, 'value');
        // A yes / no answer comes from a select; anything else is typed.
        const value =
          text(body, 'type') === 'boolean' ? (raw === undefined ? raw : (yesNo(raw) ?? raw)) : raw;
        await this.questionnaire.override(
          id,
          { ...input, value: value ?? '' },
          formVersion(body),
          actor,
        );
      }
      const notice = what === 'return' ? 'answerReturned' : 'answerOverridden';
      return reply.redirect(
        `/app/escalations/${id}/questionnaire?notice=escalations.notices.${notice}#answer-${anchor(field, defenderId)}`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.render(
          req,
          reply,
          actor,
          id,
          { answer: { key, values: refill(body), conflict: err.message } },
          412,
        );
      }
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.render(
        req,
        reply,
        actor,
        id,
        { answer: { key, values: refill(body), errors } },
        400,
      );
    }
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: PageState = {},
    status = 200,
  ) {
    const [e, answers, completeness, history] = await Promise.all([
      this.escalations.get(id, actor),
      this.questionnaire.answers(id, actor),
      completenessPanel(this.questionnaire, id, actor),
      this.audit.list({ entityType: 'escalation', entityId: id, limit: 200 }),
    ]);
    const kind = templateKindFor(e.kind);
    const l = dossierLocale('en');
    const names = new Map(answers.persons.map((p) => [p.defenderId, p.name]));
    const overridesHistory = history.data.filter((h) => h.action.startsWith('escalation.answer_'));
    const people = await this.users.names([
      ...overridesHistory.flatMap((h) => (h.actorId ? [h.actorId] : [])),
      ...answers.sections.flatMap((s) =>
        s.answers.flatMap((a) => (a.override?.by ? [a.override.by] : [])),
      ),
    ]);
    const decider = (DECIDERS as readonly string[]).includes(actor.role);
    const editor = (EDITORS as readonly string[]).includes(actor.role);
    const asks = new Set(FORMS[kind].sections.flatMap((s) => s.fields));
    const label = (id: string) => {
      const [group, name] = id.split('.');
      return {
        label: l.fieldLabel(kind, group, name),
        help: l.maybe(`fields.${group}.${name}.help`),
      };
    };
    const meta = await this.views.meta(req, '');
    const tr = this.views.translator;
    const kindLabel = tr.t(meta.lang, `vocab.escalationKinds.${e.kind}`);
    const typedValues = state.typed?.values ?? typedFormValues(e);
    return this.views.send(
      req,
      reply,
      'escalations/questionnaire',
      {
        e,
        kindLabel,
        names: answers.persons.map((p) => p.name).join(', '),
        group: answers.persons.length > 1,
        completeness,
        decider,
        editor,
        sections: answers.sections.map((s) => ({
          ...s,
          answers: s.answers.map((a) => {
            const key = `${a.field}@${a.defenderId ?? ''}`;
            const mine = state.answer?.key === key ? state.answer : undefined;
            return {
              ...a,
              anchor: anchor(a.field, a.defenderId),
              person: a.defenderId ? names.get(a.defenderId) : null,
              byName: a.override?.by ? (people.get(a.override.by) ?? '') : null,
              recordOrigin: a.origin === 'record',
              typedOrigin: a.origin === 'questionnaire',
              date: a.overrideType === 'date',
              boolean: a.overrideType === 'boolean',
              long: a.overrideType === 'text' && (a.drawn?.length ?? 0) > 80,
              formValue: mine
                ? (text(mine.values, 'value') ?? '')
                : typeof a.override?.value === 'boolean'
                  ? shownYesNo(a.override.value)
                  : (a.override?.value ?? ''),
              errors: mine?.errors,
              conflict: mine?.conflict,
            };
          }),
        })),
        typed: {
          values: typedValues,
          errors: state.typed?.errors,
          conflict: state.typed?.conflict,
          summary: asks.has('questionnaire.summary') ? label('questionnaire.summary') : null,
          summaryLimit: FORMS[kind].summaryWordLimit,
          circumstances: asks.has('questionnaire.circumstances')
            ? label('questionnaire.circumstances')
            : null,
          categories: asks.has('questionnaire.categories')
            ? {
                ...label('questionnaire.categories'),
                list: CATEGORIES.map((c) => ({
                  c,
                  text: l.t(`categories.${c}`),
                  checked: text(typedValues, `category${c}`) === 'true',
                  argument: text(typedValues, `argument${c}`) ?? '',
                })),
              }
            : null,
          remedies: asks.has('questionnaire.remedies') ? label('questionnaire.remedies') : null,
          urgency: asks.has('questionnaire.urgency') ? label('questionnaire.urgency') : null,
          previousSubmissions: asks.has('questionnaire.previousSubmissions')
            ? label('questionnaire.previousSubmissions')
            : null,
          namePublicly: asks.has('questionnaire.namePublicly')
            ? label('questionnaire.namePublicly')
            : null,
          confidentiality: label('questionnaire.confidentiality'),
          documents: answers.persons.map((p) => ({
            defenderId: p.defenderId,
            name: p.name,
            ...Object.fromEntries(
              ['type', 'issuedBy', 'issuedOn', 'number'].map((k) => [
                k,
                text(typedValues, `doc-${p.defenderId}-${k}`) ?? '',
              ]),
            ),
          })),
          documentLabel: label('identity.document'),
          source: seesSensitive(actor) ? label('source.identity') : null,
          relations: SOURCE_RELATIONS.map((r) => ({
            value: r,
            label: l.label('sourceRelation', r),
          })),
          version: e.version,
        },
        yesNoOptions: [
          { value: 'yes', label: tr.t(meta.lang, 'app.yes') },
          { value: 'no', label: tr.t(meta.lang, 'app.no') },
        ],
        history: overridesHistory.map((h) => {
          const c = (h.changes ?? {}) as Record<string, { to?: unknown; from?: unknown }>;
          const field = String(c.answer?.to ?? '');
          const [group, name] = field.split('.');
          return {
            at: h.at,
            by: h.actorId ? (people.get(h.actorId) ?? '') : '',
            returned: h.action === 'escalation.answer_return',
            label: group && name ? l.fieldLabel(kind, group, name) : field,
            person: c.defenderId?.to ? names.get(String(c.defenderId.to)) : null,
            from: c.value?.from ?? null,
            to: c.value?.to ?? null,
          };
        }),
        version: e.version,
      },
      {
        title: 'escalations.questionnaire.title',
        titleParams: { reference: e.reference },
        section: 'escalations',
        status,
      },
    );
  }
}
