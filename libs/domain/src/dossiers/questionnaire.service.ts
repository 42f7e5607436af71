import { Injectable } from '@nestjs/common';
import {
  Clock,
  FieldCipher,
  ForbiddenError,
  IncompleteError,
  ValidationFailedError,
  type Actor,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { seesSensitive } from '../access';
import { type Escalation, EscalationsService, type EscalationView } from '../escalations';
import type { DossierEdition, DossierLanguage, DossierTemplateKind } from './dossier-data';
import { formatAnswer, formatDossierDate } from './dossier-format';
import { dossierLocale, type DossierLocale } from './dossier-locale';
import { templateKindFor } from './dossier-renderer';
import { loadDossierRecord, questionnaireRecord, type LoadedRecord } from './dossier-record';
import { drawAnswers, overrideKey, overrideProblem, type Answer } from './questionnaire/answers';
import { checkCompleteness, type Completeness } from './questionnaire/completeness';
import { answerField, FORMS, type FieldOrigin } from './questionnaire/forms';
import { uprWordLimit, uprWords } from './questionnaire/upr';
import type { AnswerValue, OverrideType } from './questionnaire/values';

export interface AnswerView {
  field: string;
  defenderId: string | null;
  /** The mechanism's wording of the question, and what the answer is drawn from. */
  label: string;
  help: string | null;
  origin: FieldOrigin;
  /** How an override is typed; null when the answer cannot be overridden. */
  overrideType: OverrideType | null;
  /** What the record says, in words (null: "Not known"). */
  drawn: string | null;
  drawnValue: AnswerValue | null;
  override: { value: string | boolean; by: string | null; at: string } | null;
  /** What the dossier shows. */
  value: string | null;
  /** Not shown to this role (the address of usual residence for a viewer). */
  hidden?: true;
}

export interface AnswersView {
  escalationId: string;
  reference: string;
  kind: DossierTemplateKind;
  version: number;
  persons: { defenderId: string; name: string }[];
  sections: { id: string; title: string; answers: AnswerView[] }[];
}

export interface CompletenessView {
  escalationId: string;
  reference: string;
  kind: DossierTemplateKind;
  edition: DossierEdition;
  complete: boolean;
  summaryWords: number | null;
  summaryWordLimit: number | null;
  items: {
    requirement: string;
    label: string;
    level: 'required' | 'recommended';
    defenderId: string | null;
    met: boolean;
  }[];
  /** Required and missing, in words ("date of arrest"). */
  missing: string[];
  /** Recommended and missing, or past a limit, in words. */
  warnings: string[];
}

/** Who may override an answer or return it to the record. */
const OVERRIDERS = ['coordinator', 'admin'];

/** Answers that are never shown to a role that does not see sensitive fields. */
const SENSITIVE_FIELDS = new Set(['identity.address']);

/**
 * The questionnaires of an escalation: every answer with where it comes from (the record, an
 * override, the questionnaire itself), overriding and returning to the record, and what the
 * mechanism still needs before a dossier is generated.
 */
@Injectable()
export class QuestionnaireService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escalations: EscalationsService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * Everything the answers are drawn from, read with the sensitive columns (the address and
   * the source count for completeness; their values leave only through a submission edition).
   */
  async read(m: EntityManager, id: string, actor: Actor) {
    const { e, defenderIds } = await this.escalations.load(m, id, actor, { sensitive: true });
    const today = this.clock.today();
    const loaded = await loadDossierRecord(m, this.cipher, e, defenderIds, today, {
      sensitive: true,
    });
    const answers = drawAnswers(questionnaireRecord(e, loaded, today));
    return { e, defenderIds, loaded, answers };
  }

  async answers(id: string, actor: Actor, language: DossierLanguage = 'en'): Promise<AnswersView> {
    const { e, loaded, answers } = await this.read(this.dataSource.manager, id, actor);
    return this.answersView(e, loaded, answers, actor, dossierLocale(language));
  }

  async completeness(
    id: string,
    edition: DossierEdition,
    actor: Actor,
    language: DossierLanguage = 'en',
  ): Promise<CompletenessView> {
    return this.check(this.dataSource.manager, id, edition, actor, language);
  }

  private async check(
    m: EntityManager,
    id: string,
    edition: DossierEdition,
    actor: Actor,
    language: DossierLanguage,
  ): Promise<CompletenessView> {
    const { e, defenderIds, loaded, answers } = await this.read(m, id, actor);
    const kind = templateKindFor(e.kind);
    const result = checkCompleteness(
      kind,
      edition,
      answers,
      defenderIds,
      e.content?.summary,
      e.content,
    );
    return completenessView(e, loaded, result, dossierLocale(language));
  }

  /**
   * Refuse a dossier with something required missing (422 listing each item), unless the
   * request acknowledges it. Run inside the request's transaction, on the locked escalation.
   */
  async assertComplete(
    m: EntityManager,
    id: string,
    edition: DossierEdition,
    acknowledged: boolean,
    actor: Actor,
  ): Promise<CompletenessView> {
    const view = await this.check(m, id, edition, actor, 'en');
    if (!view.complete && !acknowledged) {
      throw new IncompleteError(
        `The ${edition} edition still lacks: ${view.missing.join('; ')}. Complete the record or the questionnaire, or ask again with acknowledgeIncomplete: true to generate it anyway.`,
        view.items.filter((i) => !i.met && i.level === 'required'),
        { edition },
      );
    }
    return view;
  }

  /** Replace an answer drawn from the record with what a coordinator types. */
  async override(
    id: string,
    input: { field: string; defenderId?: string | null; value: unknown },
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    return this.change(id, input, input.value, expectedVersion, actor);
  }

  /** Return an answer to the value drawn from the record. */
  async returnToRecord(
    id: string,
    input: { field: string; defenderId?: string | null },
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    return this.change(id, input, null, expectedVersion, actor);
  }

  private async change(
    id: string,
    input: { field: string; defenderId?: string | null },
    value: unknown,
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    if (!OVERRIDERS.includes(actor.role)) {
      throw new ForbiddenError(
        'Coordinators and admins override answers and return them to the record.',
      );
    }
    const { e, defenderIds } = await this.escalations.load(this.dataSource.manager, id, actor);
    const field = answerField(input.field);
    const form = FORMS[templateKindFor(e.kind)];
    const inForm = form.sections.some((s) => s.fields.includes(input.field));
    const problem =
      field && !inForm
        ? { field: 'field', message: `is not asked by the ${form.kind} form` }
        : overrideProblem(field, value === null ? 'x' : value);
    if (problem) throw ValidationFailedError.field(problem.field, problem.message);
    let defenderId = input.defenderId ?? null;
    if (field!.scope === 'person') {
      if (!defenderId && defenderIds.length === 1) defenderId = defenderIds[0];
      if (!defenderId) {
        throw ValidationFailedError.field('defenderId', 'is required: whose answer is it?');
      }
    } else if (defenderId) {
      throw ValidationFailedError.field(
        'defenderId',
        'must be left out: the answer is the escalation’s',
      );
    }
    const stored = typeof value === 'string' ? value.trim() : (value as boolean | null);
    return this.escalations.setAnswerOverride(
      id,
      { key: overrideKey(input.field, defenderId), field: input.field, defenderId },
      stored,
      expectedVersion,
      actor,
    );
  }

  private answersView(
    e: Escalation,
    loaded: LoadedRecord,
    answers: Answer[],
    actor: Actor,
    l: DossierLocale,
  ): AnswersView {
    const kind = templateKindFor(e.kind);
    const names = new Map(loaded.persons.map((p) => [p.id, p.view.fullName]));
    const sensitive = seesSensitive(actor);
    const view = (a: Answer): AnswerView => {
      const f = answerField(a.field)!;
      const [group, name] = a.field.split('.');
      const hidden = SENSITIVE_FIELDS.has(a.field) && !sensitive;
      const drawn = hidden ? null : describe(a, a.drawn, loaded, l);
      return {
        field: a.field,
        defenderId: a.defenderId,
        label: l.fieldLabel(kind, group, name),
        help: l.maybe(`fields.${group}.${name}.help`) ?? null,
        origin: a.origin,
        overrideType: f.override,
        drawn,
        drawnValue: hidden ? null : a.drawn,
        override: a.override,
        value: hidden ? null : a.override ? describe(a, a.value, loaded, l) : drawn,
        ...(hidden ? { hidden: true as const } : {}),
      };
    };
    return {
      escalationId: e.id,
      reference: e.reference,
      kind,
      version: e.version,
      persons: loaded.persons.map((p) => ({ defenderId: p.id, name: names.get(p.id)! })),
      sections: FORMS[kind].sections.map((s) => ({
        id: s.id,
        title: l.maybe(`forms.${kind}.headings.${s.id}`) ?? l.t('common.consentAndConfidentiality'),
        answers: s.fields.flatMap((f) => answers.filter((a) => a.field === f)).map(view),
      })),
    };
  }
}

/** An answer in words for the answers view (the consent and the source said, not shown). */
function describe(
  a: Answer,
  value: AnswerValue | null,
  loaded: LoadedRecord,
  l: DossierLocale,
): string | null {
  if (a.field === 'consent.unSubmission') {
    const c = loaded.persons.find((p) => p.id === a.defenderId)?.submissionConsent;
    return c?.granted && c.givenBy && c.method && c.since
      ? l.t('common.consentGiven', {
          giver: l.label('consentGiver', c.givenBy),
          method: l.label('consentMethod', c.method),
          date: formatDossierDate(c.since, l.language),
        })
      : null;
  }
  if (a.field === 'source.identity') return value ? l.t('common.yes') : null;
  if (a.field === 'questionnaire.categories' && value?.kind === 'texts') {
    return value.items.map((c) => `${l.t('common.category')} ${c}`).join(', ');
  }
  return formatAnswer(value, l);
}

function completenessView(
  e: Escalation,
  loaded: LoadedRecord,
  c: Completeness,
  l: DossierLocale,
): CompletenessView {
  const names = new Map(loaded.persons.map((p) => [p.id, p.view.fullName]));
  const group = loaded.persons.length > 1;
  const items = c.items.map((i) => {
    const words =
      i.requirement === 'summaryLength'
        ? `${l.t('requirements.summaryLength')} (${c.summaryWords}/${c.summaryWordLimit})`
        : l.t(`requirements.${i.requirement}`, {
            words: uprWords(e.content),
            limit: uprWordLimit(e.content),
          });
    return {
      requirement: i.requirement,
      label: group && i.defenderId ? `${words} — ${names.get(i.defenderId)}` : words,
      level: i.level,
      defenderId: i.defenderId,
      met: i.met,
    };
  });
  return {
    escalationId: e.id,
    reference: e.reference,
    kind: c.kind,
    edition: c.edition,
    complete: c.complete,
    summaryWords: c.summaryWords,
    summaryWordLimit: c.summaryWordLimit,
    items,
    missing: items.filter((i) => !i.met && i.level === 'required').map((i) => i.label),
    warnings: items.filter((i) => !i.met && i.level === 'recommended').map((i) => i.label),
  };
}
