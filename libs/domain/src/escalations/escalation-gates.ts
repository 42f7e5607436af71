import { Injectable } from '@nestjs/common';
import {
  Clock,
  ConflictError,
  IncompleteError,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access';
import { loadCurrentConsents } from '../consents';
import { DefendersService } from '../defenders';
import type { Actor } from '../shared/actor';
import { partnersByIds } from '../solidarity';
import { activeUser } from '../users';
import type { Escalation, EscalationContent } from './escalation.entity';
import { partnerIdsOf } from './escalation-queries';
import { acceptsProcedure, instrumentFor, procedureOf, TREATY_INSTRUMENTS } from './procedures';

/** The content's per-person answers name the escalation's own people, each once. */
export function checkContentPeople(content: EscalationContent | undefined, defenderIds: string[]) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (content?.identityDocuments ?? []).forEach((d, i) => {
    if (!defenderIds.includes(d.defenderId)) {
      errors.push({
        field: `content.identityDocuments[${i}].defenderId`,
        message: 'must be one of the escalation’s defenders',
      });
    } else if (seen.has(d.defenderId)) {
      errors.push({
        field: `content.identityDocuments[${i}].defenderId`,
        message: 'has a document already: one per person',
      });
    }
    seen.add(d.defenderId);
  });
  if (errors.length) throw new ValidationFailedError(errors);
}

/**
 * The preconditions of a step or a change: consents, the State's acceptance of a treaty
 * body's procedure, ECOSOC status for a Council statement, an owner who may see every case.
 */
@Injectable()
export class EscalationGates {
  constructor(
    private readonly defenders: DefendersService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  /** Submission needs every defender's current consent to a UN submission. */
  async consentGate(tx: EntityManager, defenderIds: string[]): Promise<void> {
    const missing: FieldError[] = [];
    for (const d of defenderIds) {
      const c = await loadCurrentConsents(tx, d, this.clock.today());
      if (!c.un_submission.granted) {
        missing.push({
          field: 'consents.un_submission',
          message: `defender ${d}: consent to a UN submission is ${c.un_submission.state === 'none' ? 'not recorded' : c.un_submission.state}`,
        });
      }
    }
    if (missing.length) {
      throw new ConflictError(
        'A UN submission needs the consent of every defender it concerns (un_submission, given and not expired). Record it first.',
        { missingConsents: missing },
      );
    }
  }

  /**
   * A mechanism that publishes names (a WGAD opinion, the Special Procedures' communications
   * report unless the source asks that names be withheld, the SG's reprisals report) needs
   * each person's consent to be named in a public UN document: 422 naming whoever lacks it.
   */
  async publicDocumentGate(
    tx: EntityManager,
    e: Escalation,
    defenderIds: string[],
    actor: Actor,
  ): Promise<void> {
    const publishes = procedureOf(e.kind).publishes;
    if (publishes === 'none') return;
    if (publishes === 'names_unless_withheld' && e.content?.namePublicly === false) return;
    const missing: { defenderId: string; name: string; consent: string; state: string }[] = [];
    for (const d of defenderIds) {
      const c = await loadCurrentConsents(tx, d, this.clock.today());
      if (c.public_un_document.granted) continue;
      const person = await this.defenders.find(tx, d, { actor, reading: false });
      missing.push({
        defenderId: d,
        name: person.fullName,
        consent: 'public_un_document',
        state: c.public_un_document.state === 'none' ? 'not recorded' : c.public_un_document.state,
      });
    }
    if (missing.length) {
      const names = missing.map((m) => `${m.name} (${m.state})`).join(', ');
      throw new IncompleteError(
        `The ${procedureOf(e.kind).title} publishes the names of the people concerned: consent to be named in a public UN document (public_un_document) is missing for ${names}.${publishes === 'names_unless_withheld' ? ' Record it, or ask that the names be withheld (content.namePublicly = false).' : ' Record it first.'}`,
        missing,
      );
    }
  }

  /**
   * A treaty body acts only against a State that accepted its procedure (an optional protocol,
   * a declaration, or for a CED urgent action being party to the Convention): 422 naming the
   * State and the instrument when the table says it did not. A State the table does not list
   * is not refused (docs/procedures.md: check the treaty body database).
   */
  async acceptanceGate(
    tx: EntityManager,
    e: Escalation,
    defenderIds: string[],
    actor: Actor,
  ): Promise<void> {
    const instrument = instrumentFor(e.kind, e.mechanism);
    if (!instrument) return;
    const refused: { defenderId: string; country: string; instrument: string }[] = [];
    for (const d of defenderIds) {
      const person = await this.defenders.find(tx, d, { actor, reading: false });
      if (acceptsProcedure(instrument, person.country) === false)
        refused.push({
          defenderId: d,
          country: person.country,
          instrument: TREATY_INSTRUMENTS[instrument],
        });
    }
    if (refused.length) {
      const states = [...new Set(refused.map((r) => r.country))].join(', ');
      throw new IncompleteError(
        `${states} has not accepted the ${TREATY_INSTRUMENTS[instrument]}: the ${procedureOf(e.kind).title} cannot be brought against it. Consider the Special Procedures or the WGAD, which need no acceptance.`,
        refused,
      );
    }
  }

  /**
   * A Human Rights Council statement is made by an organisation in ECOSOC consultative status
   * (general, special or roster): one of the partners the escalation supports must have it,
   * or 422 says so.
   */
  async ecosocGate(tx: EntityManager, e: Escalation): Promise<void> {
    if (e.kind !== 'hrc_statement') return;
    const ids = (await partnerIdsOf(tx, [e.id])).get(e.id) ?? [];
    const partners = await partnersByIds(tx, ids);
    if (partners.some((p) => p.ecosocStatus !== 'none')) return;
    throw new IncompleteError(
      'A Human Rights Council written or oral statement is made by an organisation in ECOSOC consultative status: link a partner with general, special or roster status (partnerIds), or record its status.',
      [
        {
          field: 'partnerIds',
          partners: partners.map((p) => ({ id: p.id, name: p.name, ecosocStatus: p.ecosocStatus })),
        },
      ],
    );
  }

  /**
   * The owner is reminded of the escalation's deadlines and works on it: an active
   * caseworker, coordinator or admin who may see every case it concerns (need-to-know).
   */
  async checkOwner(
    tx: EntityManager,
    ownerId: string | null | undefined,
    defenderIds: readonly string[],
    field: 'ownerId' | 'defenderIds' = 'ownerId',
  ): Promise<void> {
    if (!ownerId) return;
    const u = await activeUser(tx, ownerId);
    if (!u || u.role === 'viewer')
      throw ValidationFailedError.field(
        'ownerId',
        'must be an active caseworker, coordinator or admin',
      );
    if (!(await this.access.userSeesAll(tx, u, defenderIds)))
      throw ValidationFailedError.field(
        field,
        field === 'ownerId'
          ? 'must be someone who may see every case of the escalation (assign them to its restricted cases first)'
          : "must be cases the escalation's owner may see (assign them to its restricted cases first, or change the owner)",
      );
  }
}
