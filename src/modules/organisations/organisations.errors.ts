import { badInput, conflict, notFound } from '../../common/errors/app-error.js';

export const OrganisationErrors = {
  notFound: (id: string) => notFound('ORGANISATION_NOT_FOUND', 'Organisation', id),
  membershipNotFound: (id: string) => notFound('MEMBERSHIP_NOT_FOUND', 'Network membership', id),
  duplicateName: () =>
    conflict('ORGANISATION_ALREADY_EXISTS', 'An active organisation with this name already exists in this place'),
  ownAncestor: () =>
    badInput('ORGANISATION_OWN_ANCESTOR', 'input.parentId', 'input.parentId: an organisation cannot be its own ancestor'),
  archived: (field: string) => badInput('ORGANISATION_ARCHIVED', field, `${field}: the organisation is archived`),
  alreadyArchived: () => conflict('ORGANISATION_ALREADY_ARCHIVED', 'The organisation is already archived'),
  notANetwork: () => badInput('NOT_A_NETWORK', 'input.networkId', 'input.networkId: only a NETWORK has members'),
  ownMember: () => badInput('NETWORK_OWN_MEMBER', 'input.memberId', 'input.memberId: a network cannot be its own member'),
  alreadyMember: () =>
    conflict('ALREADY_A_MEMBER', 'The organisation is already a member of this network during that period'),
  membershipEnded: () => conflict('MEMBERSHIP_ALREADY_ENDED', 'This membership has already ended'),
  endBeforeStart: (field: string) =>
    badInput('END_BEFORE_START', field, `${field}: the end date is before the start date`),
  staleVersion: (current: number) =>
    conflict('STALE_VERSION', `The organisation was changed meanwhile; it is now at version ${current}`, {
      currentVersion: current,
    }),
};
