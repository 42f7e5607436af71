import type { AuthenticatedActor, DefendersService, UsersService } from '@witness/domain';
import { AppError, ValidationFailedError } from '@witness/platform';
import { ANY_ROLE } from './web-auth.controller';
import { knownZone } from './work-web.util';

/** The same roles as the API routes the milestone, inbox and solidarity pages stand for. */
export const STAFF = ANY_ROLE;
export const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;
export const DECIDERS = ['coordinator', 'admin'] as const;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PAGE_SIZE = 50;

/**
 * Names of cases the user can see, by id, through the service (need-to-know applied
 * there): a case the user may not see is left out. (Forms and filters choose cases with
 * a picker, never from a list of them all.)
 */
export function caseNames(
  defenders: DefendersService,
  actor: AuthenticatedActor,
  ids: string[],
): Promise<Map<string, string>> {
  return defenders.names(
    ids.filter((id) => UUID.test(id)),
    actor,
  );
}

/** `?defenderId=` of a "new" form: a uuid, else 400 (never passed on unchecked). */
export function presetCase(defenderId: string | undefined): string | undefined {
  if (defenderId === undefined || defenderId === '') return undefined;
  if (!UUID.test(defenderId)) throw ValidationFailedError.field('defenderId', 'must be a uuid');
  return defenderId;
}

/** The user's time zone, as the pages show times in it. */
export async function zoneOf(users: UsersService, actor: AuthenticatedActor): Promise<string> {
  return knownZone((await users.get(actor.userId)).timeZone);
}

export function isStale(err: unknown): boolean {
  return err instanceof AppError && err.code === 'precondition_failed';
}
