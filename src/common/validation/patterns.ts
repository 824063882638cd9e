/** SHA-256 of a file, as 64 lower-case hex characters. */
export const SHA256 = /^[0-9a-f]{64}$/;
