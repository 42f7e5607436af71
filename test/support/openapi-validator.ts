import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  responses?: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; description?: string }
  >;
};

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal characters: the more, the more specific (a literal path beats a template). */
  literal: number;
  operation: Operation;
}

/**
 * Statuses any route may answer without documenting them: refused before routing (414, a URL
 * too long), rate-limited (429), and the problem filter's fallbacks (500, 503). Their bodies are
 * still problem+json, checked by the tests that provoke them.
 */
const UNDOCUMENTED_OK = new Set([414, 429, 500, 503]);

/**
 * Checks JSON responses against the OpenAPI document: finds the operation by method and path
 * template, then validates the body against the schema documented for the status and content
 * type. A body that does not match, or a JSON answer with a status or content type the
 * operation does not document, is an error naming the operation and what differs.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly routes: Route[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    // OpenAPI 3.0 schemas (see forAjv); `example` and other annotations are ignored.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'openapi', components: forAjv(document.components ?? {}) });
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
        const source = template
          .split(/(\{[^}]+\})/)
          .map((part) => (part.startsWith('{') ? '[^/]+' : escapeRegExp(part)))
          .join('');
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}/?$`),
          literal: template.replace(/\{[^}]+\}/g, '').length,
          operation: operation as Operation,
        });
      }
    }
    this.routes.sort((a, b) => b.literal - a.literal);
  }

  /**
   * The problem with this response, or undefined when it matches the document (or the route
   * is not in it: web pages, the Swagger UI, an unknown path).
   */
  check(
    method: string,
    url: string,
    status: number,
    contentType: string | undefined,
    body: unknown,
  ): string | undefined {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return undefined;
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!/json$/.test(mediaType)) return undefined;
    const where = `${method} ${route.template} answered ${status} ${mediaType}`;
    const response = route.operation.responses?.[String(status)];
    if (!response) {
      if (UNDOCUMENTED_OK.has(status)) return undefined;
      return `${where}: the document has no ${status} response for this operation`;
    }
    const media = response.content?.[mediaType];
    if (!media?.schema) {
      return `${where}: the document's ${status} response has no ${mediaType} schema`;
    }
    const key = `${method} ${route.template} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(forAjv(media.schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `  ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
      .join('\n');
    return `${where}, which does not match the document:\n${errors}`;
  }
}

/**
 * The document's schemas as Ajv reads them: `#/components/...` becomes `openapi#/components/...`
 * (the document is one Ajv schema), and `nullable: true` means "this schema, or null" also
 * where the schema is an `allOf` of a reference (as @nestjs/swagger writes a nullable object).
 */
function forAjv(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forAjv);
  if (!value || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const schema = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : forAjv(v),
    ]),
  );
  return nullable === true ? { anyOf: [{ type: 'null' }, schema] } : schema;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
