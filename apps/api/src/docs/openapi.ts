import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Policy } from '../auth/policy.decorators';
import { CurrentConsentResponse } from '../cases/consent.dto';
import { problemResponse } from '../http/api-problems.decorator';
import { ProblemDto } from '../http/problem.dto';
import { SESSION_COOKIE } from '../web/web-session';

/** The server named in the committed document (docs/openapi.json): the development default. */
export const DEFAULT_SERVER_URL = 'http://localhost:3000';

/** Name of the bearer scheme, as `@ApiBearerAuth()` refers to it. */
export const BEARER_SCHEME = 'bearer';
/** Name of the web app's session-cookie scheme. */
export const WEB_SESSION_SCHEME = 'webSession';

/** What every operation behind the bearer scheme can also answer (the global auth guard). */
const GUARD_PROBLEMS = [401, 403];
/** What every operation that takes a body can also answer (the parsers, the validation pipe). */
const BODY_PROBLEMS = [400, 413, 415];

/**
 * The OpenAPI document of the JSON API, from the controllers and their response classes.
 * `serverUrl` is where the API is reached: PUBLIC_BASE_URL when served, the development default
 * in the committed document.
 */
export function buildOpenApi(
  app: INestApplication,
  serverUrl: string = DEFAULT_SERVER_URL,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Witness API')
    .setDescription(
      'Case management for a campaign with arbitrarily detained human rights defenders: case ' +
        'records, detention timelines, escalations to UN mechanisms and solidarity. Every error ' +
        'is application/problem+json (RFC 9457) with the request id. Writes to an existing ' +
        'record need If-Match with the version from its ETag.',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-only', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer(serverUrl.replace(/\/+$/, ''), 'This deployment (PUBLIC_BASE_URL).')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description:
          'The token from POST /api/v1/auth/login, sent as Authorization: Bearer <token>. ' +
          'Every /api/v1 route takes it, except login itself.',
      },
      BEARER_SCHEME,
    )
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          'The web app’s session (HttpOnly, SameSite=Strict), set by signing in at /app/login. ' +
          'It authenticates the web pages under /app only, never the JSON API; its forms also ' +
          'carry a CSRF token.',
      },
      WEB_SESSION_SCHEME,
    )
    .build();
  config.info.contact = { name: 'Witness maintainers' };
  const document = SwaggerModule.createDocument(app, config, {
    // Referenced by name from schemas (maps of them), not from an operation.
    extraModels: [ProblemDto, CurrentConsentResponse],
  });
  addCommonProblems(document);
  allowNullInNullableEnums(document.components?.schemas ?? {});
  return document;
}

/**
 * OpenAPI 3.0: `nullable: true` does not widen an `enum`, so a nullable enum lists null among
 * its values (as validators and generated clients read it).
 */
function allowNullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowNullInNullableEnums);
  if (!node || typeof node !== 'object') return;
  const schema = node as { nullable?: boolean; enum?: unknown[] };
  if (schema.nullable && Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    schema.enum = [...schema.enum, null];
  }
  Object.values(node).forEach(allowNullInNullableEnums);
}

/**
 * The problem+json answers that come from the layers every request passes (the auth guard, the
 * body parsers), documented on each operation they apply to; and the media type of every
 * problem answer.
 */
function addCommonProblems(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const statuses = [
        ...(operation.security?.some((s) => BEARER_SCHEME in s) ? GUARD_PROBLEMS : []),
        ...(operation.requestBody ? BODY_PROBLEMS : []),
      ];
      for (const status of statuses)
        operation.responses[String(status)] ??= problemResponse(status);
      // Every 4xx and 5xx is problem+json: a response documented by its description only says so.
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) {
          response.content = problemResponse(Number(status)).content;
        }
      }
    }
  }
}

/** Where the Swagger UI is served; the document is at /docs-json (and /docs-yaml). */
export const OPENAPI_PATH = '/docs';
/** The API's description is public, as the routes it describes each say who may call them. */
export const OPENAPI_POLICY = { public: true } as const satisfies Policy;

/** Swagger UI at /docs and the document at /docs-json. */
export function mountOpenApi(app: INestApplication, serverUrl: string): void {
  SwaggerModule.setup(OPENAPI_PATH.slice(1), app, buildOpenApi(app, serverUrl), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Witness API',
  });
}
