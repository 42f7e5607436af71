import { Injectable } from '@nestjs/common';
import {
  AnnexesService,
  DefendersService,
  DossiersService,
  EscalationsService,
  MEETING_DATED_KINDS,
  QuestionnaireService,
  SolidarityService,
  UsersService,
  type AuthenticatedActor,
} from '@witness/domain';
import { Clock } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { many, text, type FormBody } from '../web-form';
import { DOSSIER_FORMATS, dossierStatus } from './dossiers';
import { completenessPanel } from './questionnaire-form';
import {
  clockLines,
  DECIDERS,
  EDITORS,
  escalationPickers,
  refusedStepWords,
  stepForms,
  type RefusedStep,
} from './view';
import { Pickers } from '../picker';

const DOSSIER_LANGUAGES = ['en', 'fr', 'es'] as const;
const DOSSIER_EDITIONS = ['submission', 'public'] as const;
const CATEGORIES = ['I', 'II', 'III', 'IV', 'V'] as const;

/** After a refused step, update or request: what the escalation page shows again. */
export interface EscalationPageState {
  failedStep?: { to: string; values: Record<string, unknown>; errors: FieldErrorMap };
  workflowError?: string;
  refusedStep?: RefusedStep;
  edit?: { values: FormBody; errors?: FieldErrorMap; conflict?: string };
  dossier?: { values: FormBody; errors?: FieldErrorMap; refusal?: string; missing?: string[] };
  annexes?: { values: FormBody; errors?: FieldErrorMap; conflict?: string };
  /** A step's corrected date that was refused: shown on that step's row. */
  stepDate?: { transitionId: string; value: string; error: string };
}

/** The escalation page's view-model, built once for the page and for every refused form on it. */
@Injectable()
export class EscalationPage {
  constructor(
    private readonly views: Views,
    private readonly escalations: EscalationsService,
    private readonly dossiers: DossiersService,
    private readonly defenders: DefendersService,
    private readonly solidarity: SolidarityService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly annexes: AnnexesService,
    private readonly pickers: Pickers,
    private readonly questionnaire: QuestionnaireService,
  ) {}

  async render(
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
    const names = await this.defenders.names(e.defenderIds, actor);
    const people = await this.users.names([
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
      meetingOn: e.meetingOn ?? '',
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
        workflowError: state.refusedStep
          ? refusedStepWords(state.refusedStep, (key, params) => tr.t(lang, key, params))
          : state.workflowError,
        today: this.clock.today(),
        clock: clockLines(e, this.clock.today()),
        outcome,
        categories: CATEGORIES,
        releases: (e.releasesAfter ?? []).map((r) => ({
          ...r,
          name: names.get(r.defenderId) ?? '',
        })),
        history: history.map((h) => {
          const refused = state.stepDate?.transitionId === h.id ? state.stepDate : undefined;
          return {
            ...h,
            actorName: h.actorId ? (people.get(h.actorId) ?? '') : '',
            dateValue: refused?.value ?? h.date,
            dateErrors: refused ? { occurredOn: refused.error } : undefined,
          };
        }),
        // Coordinators and admins correct a step's date (the clock follows).
        decider: (DECIDERS as readonly string[]).includes(actor.role),
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
        // The meeting's date, for the kinds counting from it (or once given).
        meetingEditable: MEETING_DATED_KINDS.includes(e.kind) || e.meetingOn !== null,
        dossiers: dossiers.map((d) => ({
          ...d,
          stale: latest && latest.id === d.id ? latest.stale : undefined,
          status: new Handlebars.SafeString(
            this.views.render('escalations/dossier-status', dossierStatus(d, actor), meta, true),
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
}
