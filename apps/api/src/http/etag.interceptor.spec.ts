import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import {
  INTERCEPTORS_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, of } from 'rxjs';
import { DefendersController } from '../defenders/defenders.controller';
import { EtagInterceptor } from './etag.interceptor';
import { formVersion } from '../web/web-form';
import { ifMatchVersion, writePreconditions } from './if-match.decorator';

type Method = (...args: unknown[]) => unknown;

interface Route {
  name: string;
  controller: object;
  key: string;
  handler: Method;
}

/** Every route handler of the API's controllers (the *.controller.ts files under src). */
function routeHandlers(): Route[] {
  const root = join(__dirname, '..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.controller.ts'),
  );
  const out: Route[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(root, file)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (typeof value !== 'function' || !Reflect.hasMetadata(PATH_METADATA, value)) continue;
      const proto = value.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (!Reflect.hasMetadata(PATH_METADATA, handler)) continue;
        out.push({
          name: `${value.name}.${key}`,
          controller: value,
          key,
          handler: handler as Method,
        });
      }
    }
  }
  return out;
}

/** Does the route take `@IfMatchVersion()` or `@Preconditions()` (the shared If-Match readers)? */
const readsIfMatch = ({ controller, key }: Route): boolean => {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
    string,
    { factory?: unknown }
  >;
  return Object.values(args).some(
    (a) => a.factory === ifMatchVersion || a.factory === writePreconditions,
  );
};

const interceptors = (handler: Method): unknown[] =>
  (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];

function httpContext(headers: Record<string, string>): ExecutionContext {
  const reply = {
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
  };
  return { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ExecutionContext;
}

describe('one ETag / If-Match mechanism', () => {
  it('every route that reads If-Match answers with its ETag through the shared interceptor', () => {
    const routes = routeHandlers();
    const withIfMatch = routes.filter(readsIfMatch);
    expect(withIfMatch.length).toBeGreaterThanOrEqual(10);
    const missing = withIfMatch
      .filter(({ handler }) => !interceptors(handler).includes(EtagInterceptor))
      .map((r) => r.name);
    expect(missing).toEqual([]);
  });

  it("the publication's create-or-change reads its preconditions through the shared reader", () => {
    const routes = routeHandlers().filter(readsIfMatch);
    expect(routes.map((r) => r.name)).toContain('PublicationController.put');
  });

  it('the case record routes use it', () => {
    for (const m of ['create', 'get', 'update'] as const) {
      expect(interceptors(DefendersController.prototype[m] as Method)).toContain(EtagInterceptor);
    }
  });

  it('sets a strong ETag from the version the route returns, and nothing without one', async () => {
    const interceptor = new EtagInterceptor();
    const set: Record<string, string> = {};
    const body = { id: 'x', version: 3 };
    await expect(
      lastValueFrom(interceptor.intercept(httpContext(set), { handle: () => of(body) })),
    ).resolves.toBe(body);
    expect(set).toEqual({ ETag: '"3"' });

    const none: Record<string, string> = {};
    await lastValueFrom(
      interceptor.intercept(httpContext(none), { handle: () => of({ data: [] }) }),
    );
    await lastValueFrom(interceptor.intercept(httpContext(none), { handle: () => of(null) }));
    expect(none).toEqual({});
  });
});

describe("web forms' hidden version", () => {
  const code = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (err) {
      return (
        (err as { code?: unknown; errors?: unknown }).errors ?? (err as { code: unknown }).code
      );
    }
    return 'no error';
  };

  it('is read as the API reads If-Match: 428 when missing, 400 naming the field when unreadable', () => {
    expect(formVersion({ version: '3' })).toBe(3);
    expect(formVersion({ version: ' 12 ' })).toBe(12);
    expect(code(() => formVersion({}))).toBe('precondition_required');
    expect(code(() => formVersion({ version: '' }))).toBe('precondition_required');
    expect(code(() => formVersion({ version: 'three' }))).toEqual([
      expect.objectContaining({ field: 'version' }),
    ]);
    expect(formVersion({}, { optional: true })).toBeUndefined();
    expect(formVersion({ version: '4' }, { optional: true })).toBe(4);
  });

  it('no web page reads the field itself', () => {
    const root = join(__dirname, '..', 'web');
    const readers = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'web-form.ts')
      .filter((f) => /\(body, 'version'\)/.test(readFileSync(join(root, f), 'utf8')));
    expect(readers).toEqual([]);
  });
});
