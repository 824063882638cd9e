import { unauthenticated } from '../../common/errors/app-error.js';

export const AuthErrors = {
  /** The same answer whether the email is unknown, the password wrong or the account deactivated. */
  invalidCredentials: () => unauthenticated('INVALID_CREDENTIALS', 'Email or password is wrong'),
  invalidToken: () => unauthenticated('INVALID_TOKEN', 'The access token is not valid; sign in again'),
  expiredToken: () => unauthenticated('TOKEN_EXPIRED', 'The access token has expired; refresh the session'),
  sessionEnded: () => unauthenticated('SESSION_ENDED', 'This session has ended; sign in again'),
};
