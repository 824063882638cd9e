// Typed helpers shared with jest's (untransformed) global setup.
export { adminQuery, freePort, withDatabase, withUser } from './pg-admin.js';
