import { AppError, badInput, conflict, ErrorCode, forbidden, notFound, unauthenticated } from '../../common/errors/app-error.js';

export const AuthErrors = {
  /** The same answer whether the email is unknown, the password wrong or the account deactivated. */
  invalidCredentials: () => unauthenticated('INVALID_CREDENTIALS', 'Email or password is wrong'),
  invalidToken: () => unauthenticated('INVALID_TOKEN', 'The access token is not valid; sign in again'),
  expiredToken: () => unauthenticated('TOKEN_EXPIRED', 'The access token has expired; refresh the session'),
  sessionEnded: () => unauthenticated('SESSION_ENDED', 'This session has ended; sign in again'),
  invalidRefreshToken: () => unauthenticated('INVALID_REFRESH_TOKEN', 'The refresh token is not valid; sign in again'),
  refreshTokenReused: () =>
    unauthenticated(
      'REFRESH_TOKEN_REUSED',
      'This refresh token was already used; the session has been ended for safety. Sign in again',
    ),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(ErrorCode.TOO_MANY_REQUESTS, 'TOO_MANY_LOGIN_ATTEMPTS', `Too many sign-in attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    }),
};

export const UserErrors = {
  notFound: (id: string) => notFound('USER_NOT_FOUND', 'User', id),
  emailTaken: () => conflict('EMAIL_TAKEN', 'Another user already has this email address'),
  organisationRequired: () =>
    badInput('ORGANISATION_REQUIRED', 'input.organisationId', 'input.organisationId: a PARTNER acts for an organisation; name it'),
  roleNotGrantable: (role: string) => forbidden('ROLE_NOT_GRANTABLE', `You may not manage ${role} accounts`),
  notYourself: () => conflict('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account'),
  alreadyDeactivated: () => conflict('USER_ALREADY_DEACTIVATED', 'The user is already deactivated'),
  deactivated: () => conflict('USER_DEACTIVATED', 'The user is deactivated'),
  staleVersion: (current: number) =>
    conflict('STALE_VERSION', `The user was changed meanwhile; it is now at version ${current}`, { currentVersion: current }),
};
