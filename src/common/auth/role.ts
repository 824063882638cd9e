import { registerEnumType } from '@nestjs/graphql';

/** What a signed-in user may do; see the table in the README ("Roles"). */
export enum Role {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
  PARTNER = 'PARTNER',
  AUDITOR = 'AUDITOR',
}
registerEnumType(Role, { name: 'Role' });

/** Roles that may read every record (partners read only what concerns their organisation). */
export const READERS = [Role.ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.PARTNER] as const;
