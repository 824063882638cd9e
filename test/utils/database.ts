// Typed re-exports of the helpers that jest's (untransformed) global setup also uses.
export { adminQuery, freePort, withDatabase } from './global-setup.js';
