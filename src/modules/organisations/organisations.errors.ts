import { badInput, conflict, notFound, staleVersion } from '../../common/errors/app-error.js';

export const OrganisationErrors = {
  notFound: (id: string) => notFound('ORGANISATION_NOT_FOUND', id),
  membershipNotFound: (id: string) => notFound('MEMBERSHIP_NOT_FOUND', id),
  duplicateName: () => conflict('ORGANISATION_ALREADY_EXISTS'),
  ownAncestor: () => badInput('ORGANISATION_OWN_ANCESTOR', 'input.parentId'),
  archived: (field: string) => badInput('ORGANISATION_ARCHIVED', field),
  alreadyArchived: () => conflict('ORGANISATION_ALREADY_ARCHIVED'),
  notANetwork: () => badInput('NOT_A_NETWORK', 'input.networkId'),
  ownMember: () => badInput('NETWORK_OWN_MEMBER', 'input.memberId'),
  alreadyMember: () => conflict('ALREADY_A_MEMBER'),
  membershipEnded: () => conflict('MEMBERSHIP_ALREADY_ENDED'),
  endBeforeStart: (field: string) => badInput('END_BEFORE_START', field),
  staleVersion: (current: number) => staleVersion('STALE_VERSION.organisation', current),
};
