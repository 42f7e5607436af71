import { listenerFor } from '@witness/platform';
import type { Actor } from './actor';
import type { DefenderStatus, EventType } from './detention-status';

/**
 * The facts features announce, by name, with what each carries (ids and the few values a
 * listener needs, never entities). Announced with `events.publish(tx, name, payload)` inside
 * the transaction of the change; every listener runs in that transaction (see EventBus). A
 * feature injects the bus as `EventBus<DomainEvents>` from @witness/platform.
 * Who announces what and who listens: docs/architecture.md, "The event map".
 */
export interface DomainEvents {
  /** A case record was created, changed or archived (its profile review follows it). */
  DefenderChanged: { defenderId: string; changedAt: Date; archived: boolean; actor: Actor };
  /** Records were imported in bulk (one profile review each, all due together). */
  DefendersImported: { defenderIds: string[]; at: Date };
  /**
   * Who may see a case changed: an assignment, or its access level (`becameRestricted` when
   * it was standard and is now restricted).
   */
  DefenderAccessChanged: { defenderId: string; becameRestricted: boolean; actor: Actor };
  /** A timeline event was added or corrected, with the case's derivation after it. */
  DetentionEventRecorded: {
    defenderId: string;
    event: { id: string; type: EventType; occurredOn: string; place: string | null };
    summary: { status: DefenderStatus; detainedSince: string | null };
  };
  /** A consent decision left the purpose's consent in force (until `expiresOn`, if any). */
  ConsentGranted: { defenderId: string; purpose: string; expiresOn: string | null; actor: Actor };
  /** A consent decision left the purpose without consent in force (refused or revoked). */
  ConsentWithdrawn: { defenderId: string; purpose: string; actor: Actor };
  /** An escalation was created, moved through its workflow or edited: its clock follows. */
  EscalationTransitioned: {
    escalationId: string;
    defenderIds: string[];
    ownerId: string | null;
    /**
     * Every deadline of the escalation's procedure (procedures/): its milestone kind, when
     * it falls due, and whether it is open in the new state (kept) or retired (cancelled).
     */
    deadlines: readonly {
      key: string;
      milestone: string;
      title: string;
      /** The title as a message for the pages (`milestones.titles.escalation`). */
      titleMessage?: { key: string; params?: Record<string, string | number | null> };
      dueOn: string | null;
      open: boolean;
    }[];
  };
  /** A solidarity action was planned, changed or closed. */
  SolidarityActionChanged: {
    actionId: string;
    title: string;
    startsOn: string;
    status: string;
    defenderIds: string[];
    organiserId: string | null;
  };
  /** A document may no longer be shown in public (made confidential, not a photo, deleted). */
  DocumentChanged: {
    documentId: string;
    change: 'confidential' | 'not_a_photo' | 'deleted';
    at: Date;
    actor: Actor;
  };
  /**
   * A document version kept while the virus scanner was down was scanned: `clean` (now
   * available) or `quarantined` (malware: destroyed). The uploader is told; for malware, the
   * coordinators too.
   */
  DocumentScanned: {
    documentId: string;
    defenderId: string;
    versionNo: number;
    title: string;
    outcome: 'clean' | 'quarantined';
    uploadedBy: string | null;
    at: Date;
  };
  /**
   * A user's sessions (and, when `deactivated`, calendar feed) must end now: a role change, a
   * deactivation, a reset second factor. Listeners add what they ended to `tally`, which
   * the announcer records in its audit event.
   */
  UserSignInRevoked: {
    userId: string;
    deactivated: boolean;
    tally: { sessionsRevoked: number; calendarFeedsRevoked: number };
  };
  /** A milestone was created, moved, reassigned, done or cancelled: its reminders follow. */
  MilestoneChanged: { milestoneId: string };
}

/** Marks a provider's method as a listener: `@OnDomainEvent('ConsentWithdrawn')`. */
export const OnDomainEvent = listenerFor<DomainEvents>();
