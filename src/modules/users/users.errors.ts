import { AppError, badInput, conflict, ErrorCode, forbidden, notFound, staleVersion, unauthenticated } from '../../common/errors/app-error.js';

export const AuthErrors = {
  /** The same answer whether the email is unknown, the password wrong or the account deactivated. */
  invalidCredentials: () => unauthenticated('INVALID_CREDENTIALS'),
  invalidToken: () => unauthenticated('INVALID_TOKEN'),
  expiredToken: () => unauthenticated('TOKEN_EXPIRED'),
  sessionEnded: () => unauthenticated('SESSION_ENDED'),
  invalidRefreshToken: () => unauthenticated('INVALID_REFRESH_TOKEN'),
  refreshTokenReused: () => unauthenticated('REFRESH_TOKEN_REUSED'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(ErrorCode.TOO_MANY_REQUESTS, 'TOO_MANY_LOGIN_ATTEMPTS', { seconds: retryAfterSeconds }, { retryAfterSeconds }),
};

export const UserErrors = {
  notFound: (id: string) => notFound('USER_NOT_FOUND', id),
  emailTaken: () => conflict('EMAIL_TAKEN'),
  organisationRequired: () => badInput('ORGANISATION_REQUIRED', 'input.organisationId'),
  roleNotGrantable: (role: string) => forbidden('ROLE_NOT_GRANTABLE', { role }),
  notYourself: () => conflict('CANNOT_DEACTIVATE_SELF'),
  alreadyDeactivated: () => conflict('USER_ALREADY_DEACTIVATED'),
  deactivated: () => conflict('USER_DEACTIVATED'),
  staleVersion: (current: number) => staleVersion('STALE_VERSION.user', current),
  tooShort: (field: string, min: number) => badInput('WEAK_PASSWORD', field, { min }),
  guessable: (field: string) => badInput('WEAK_PASSWORD.guessable', field),
};
