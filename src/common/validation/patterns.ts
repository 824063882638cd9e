/** SHA-256 of a file, as 64 lower-case hex characters. */
export const SHA256 = /^[0-9a-f]{64}$/;

/** The largest target or achieved value: what numeric(14,2) holds, with room to add reports up. */
export const MAX_FIGURE = 1_000_000_000;

/** The largest count of one group of people in one report: four of them still fit a GraphQL Int. */
export const MAX_PEOPLE = 100_000_000;
