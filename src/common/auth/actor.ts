import type { Role } from './role.js';

/** Who is acting: a signed-in user, or the system itself (migrations, seed scripts). */
export interface Actor {
  userId: string | null;
  role: Role | 'SYSTEM';
  organisationId: string | null;
  displayName: string;
  /** The session (refresh-token family) the access token belongs to. */
  sessionId?: string;
}

export const systemActor = (displayName: string): Actor => ({
  userId: null,
  role: 'SYSTEM',
  organisationId: null,
  displayName,
});
