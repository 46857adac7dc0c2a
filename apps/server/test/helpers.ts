import { inject } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { cloneTemplate } from './test-database.ts';
import { testConfig, TEST_PASSWORD } from './test-config.ts';

export { TEST_PASSWORD };

export interface Client {
  /** Sends a request as this user (session cookie, and the CSRF header on writes). */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  user: { id: string; username: string; departmentId: string | null; permissions: string[] };
  csrfToken: string;
  cookie: string;
}

export interface TestApp extends App {
  db: Kysely<unknown>;
  /** Logs in through the API and returns a client acting as that user. */
  login(username: string, password?: string): Promise<Client>;
  /** An anonymous client. */
  anonymous: Omit<Client, 'user' | 'csrfToken' | 'cookie'>;
}

function clientFor(app: App['app'], headers: Record<string, string>) {
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } as never });
  return {
    request,
    get: (url: string) => request({ method: 'GET', url }),
    post: (url: string, payload?: unknown) => request({ method: 'POST', url, payload: payload as never }),
    patch: (url: string, payload?: unknown) => request({ method: 'PATCH', url, payload: payload as never }),
    put: (url: string, payload?: unknown) => request({ method: 'PUT', url, payload: payload as never }),
    delete: (url: string) => request({ method: 'DELETE', url }),
  };
}

/** The whole platform on a fresh copy of the seeded template database (one per test file). */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await cloneTemplate(inject('dbTemplate'));
  const built = await buildApp(testConfig(overrides), { database, logger: false });
  return {
    ...built,
    db: database.db as Kysely<unknown>,
    anonymous: clientFor(built.app, {}),
    async login(username: string, password = TEST_PASSWORD) {
      const res = await built.app.inject({ method: 'POST', url: '/api/v1/identity/sessions', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'sz_session')!;
      const body = res.json();
      const headers = { cookie: `sz_session=${cookie.value}`, 'x-csrf-token': body.csrfToken };
      return { ...clientFor(built.app, headers), user: body.user, csrfToken: body.csrfToken, cookie: cookie.value };
    },
  };
}
