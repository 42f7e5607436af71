/**
 * Who is acting, passed from the door (HTTP request, CLI, job) into every domain call so
 * authorization and the audit trail see the same facts.
 */
export interface Actor {
  /** The signed-in user, or null for the system itself (jobs, seeds). */
  userId: string | null;
  role: 'admin' | 'coordinator' | 'caseworker' | 'viewer' | 'system';
  requestId?: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };
