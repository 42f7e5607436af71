import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Policy } from '../auth/policy.decorators';
import { ProblemDto } from '../http/problem.dto';
import { SESSION_COOKIE } from '../web/web-session';

/** The server named in the committed document (docs/openapi.json): the development default. */
export const DEFAULT_SERVER_URL = 'http://localhost:3000';

/** Name of the bearer scheme, as `@ApiBearerAuth()` refers to it. */
export const BEARER_SCHEME = 'bearer';
/** Name of the web app's session-cookie scheme. */
export const WEB_SESSION_SCHEME = 'webSession';

const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemDto' };
/** What every operation behind the bearer scheme can also answer (the global auth guard). */
const GUARD_PROBLEMS: Record<string, string> = {
  '401':
    'No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>.',
  '403': 'Your role may not do this, or your second factor is not set up yet.',
};

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
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  addGuardProblems(document);
  return document;
}

/** Operations behind the bearer scheme answer 401 and 403 (problem+json) too. */
function addGuardProblems(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation?.security?.some((s) => BEARER_SCHEME in s)) continue;
      for (const [status, description] of Object.entries(GUARD_PROBLEMS)) {
        operation.responses[status] ??= {
          description,
          content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
        };
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
