import { Injectable } from '@nestjs/common';
import {
  CASE_EDITORS,
  CONSENT_PURPOSES,
  ConsentsService,
  DefendersService,
  DetentionService,
  DocumentsService,
  EscalationsService,
  MilestonesService,
  seesAllCases,
  SolidarityService,
  UsersService,
  type AuthenticatedActor,
  type DetentionEventView,
} from '@witness/domain';
import { Clock } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { documentRows } from '../documents/rows';
import { Pickers } from '../picker';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { formErrors, type FormBody } from '../web-form';
import { encodeSnapshot } from './form';
import { emptyEventForm, eventFormFromView, type EventForm } from './event-form';
import { ASSIGNABLE_ROLES, PROFILE_DOCUMENTS, statusBadge, VOCAB } from './view';

/** A form on the profile page, sent and refused: what the page shows again beside it. */
/** What a profile page shows besides the record: a form being corrected after a post. */
export interface ProfileState {
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

/** The profile page's view-model, built for the page and for every refused form on it. */
@Injectable()
export class DefenderProfilePage {
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

  /**
   * A form on the profile failed: its field errors are shown on the profile, beside that
   * form (400); an error that is not about the input goes on to the error page.
   */
  profileFormFailed(
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

  async renderProfile(
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
