export function withDatabase(url: string, database: string): string;
export function withUser(url: string, user: string, password: string): string;
export function adminQuery(url: string, sql: string, params?: unknown[]): Promise<any[]>;
export function freePort(): Promise<number>;
