export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export const json = (value: unknown, status = 200): Reply => ({
  status,
  body: JSON.stringify(value),
  contentType: 'application/json',
});

export const html = (body: string, status = 200): Reply => ({ status, body, contentType: 'text/html; charset=utf-8' });
