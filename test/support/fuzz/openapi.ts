/**
 * The slice of an OpenAPI 3 document the fuzzer reads: operations, their parameters and
 * request bodies, and the schemas they point to.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  default?: unknown;
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  key: string; // "POST /api/v1/defenders"
  method: Method;
  path: string; // template, with {name} placeholders
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  /** The JSON body schema (resolved), or the media type of a non-JSON body. */
  body?: { contentType: string; schema: Schema; required: boolean };
  /** Media types the document lists for the 2xx answers. */
  successTypes: string[];
  secured: boolean;
}

const METHODS: Record<string, Method> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};

/** Follow `$ref`s (and single-element allOf wrappers) to the schema they name. */
export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let hops = 0; hops < 20; hops++) {
    if (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '');
      const target = doc.components?.schemas?.[name];
      if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
      s = { ...target, nullable: s.nullable ?? target.nullable };
      continue;
    }
    if (s.allOf?.length === 1 && !s.properties) {
      const { allOf, ...rest } = s;
      s = { ...rest, ...allOf[0], nullable: s.nullable };
      continue;
    }
    return s;
  }
  throw new Error('$ref cycle');
}

/** Every operation in the document, in a stable order. */
export function operations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = METHODS[m];
      if (!method) continue;
      const params = op.parameters ?? [];
      let body: Operation['body'];
      if (op.requestBody) {
        const [contentType, media] = Object.entries(op.requestBody.content)[0];
        body = {
          contentType,
          schema: resolve(doc, media.schema),
          required: op.requestBody.required ?? false,
        };
      }
      const successTypes = Object.entries(op.responses)
        .filter(([code]) => /^2/.test(code))
        .flatMap(([, r]) => Object.keys(r.content ?? {}));
      out.push({
        key: `${method} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        body,
        successTypes: [...new Set(successTypes)],
        // Anonymous operations say so with an empty requirement ({}): they are not secured.
        secured: (op.security ?? []).some((r) => Object.keys(r as object).length > 0),
      });
    }
  }
  return out;
}

/**
 * The collection a path parameter points into: the literal segment before it
 * (`/defenders/{id}/events/{eventId}`: `id` -> defenders, `eventId` -> events).
 */
export function collectionOf(path: string, param: string): string {
  const segs = path.split('/');
  const i = segs.indexOf(`{${param}}`);
  return i > 0 ? segs[i - 1] : param;
}
