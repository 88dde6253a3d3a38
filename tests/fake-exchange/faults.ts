// Faults the tests can inject per host and path, each one a real failure mode of a venue API.
export type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string; retryAfter?: string }
  | { kind: 'timeout' }
  | { kind: 'truncated' }
  | { kind: 'body'; body: string; contentType?: string };

export function faultKey(host: string, path: string): string {
  return `${host}${path}`;
}
