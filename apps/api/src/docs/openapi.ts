import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Policy } from '../auth/policy.decorators';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Witness API')
    .setDescription(
      'Case management for a campaign with arbitrarily detained human rights defenders: case ' +
        'records, detention timelines, escalations to UN mechanisms and solidarity. Every error ' +
        'is application/problem+json (RFC 9457) with the request id. Writes to an existing ' +
        'record need If-Match with the version from its ETag.',
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Where the Swagger UI is served; the document is at /docs-json (and /docs-yaml). */
export const OPENAPI_PATH = '/docs';
/** The API's description is public, as the routes it describes each say who may call them. */
export const OPENAPI_POLICY = { public: true } as const satisfies Policy;

/** Swagger UI at /docs and the document at /docs-json. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_PATH.slice(1), app, buildOpenApi(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Witness API',
  });
}
