export default function globalSetup(): Promise<void>;
export function withDatabase(url: string, database: string): string;
export function adminQuery(adminUrl: string, sql: string): Promise<void>;
export function freePort(): Promise<number>;
