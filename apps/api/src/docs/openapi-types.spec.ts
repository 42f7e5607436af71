import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed OpenAPI document types every property it describes: a client generated from
 * it (clients/witness-api.ts) gets `unknown` for a bare object and `unknown[]` for an array
 * without items, so a response class that says `type: Object` loses its shape there.
 */

type Schema = Record<string, unknown>;

/** Where a schema leaves its value untyped, as paths like `EscalationResponse.outcome`. */
export function untypedProperties(schema: Schema, where: string): string[] {
  if (typeof schema.$ref === 'string') return [];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const parts = schema[key];
    if (Array.isArray(parts)) {
      return parts.flatMap((part, i) => untypedProperties(part as Schema, `${where}.${key}[${i}]`));
    }
  }
  if (schema.type === undefined) return [`${where}: no type`];
  const out: string[] = [];
  if (schema.type === 'object') {
    const properties = schema.properties as Record<string, Schema> | undefined;
    const additional = schema.additionalProperties as Schema | boolean | undefined;
    // A map declared as one (additionalProperties) is typed; an object of nothing is not.
    if (!properties && additional === undefined) out.push(`${where}: object without properties`);
    for (const [name, property] of Object.entries(properties ?? {})) {
      out.push(...untypedProperties(property, `${where}.${name}`));
    }
    if (additional && typeof additional === 'object') {
      out.push(...untypedProperties(additional, `${where}{}`));
    }
  }
  if (schema.type === 'array') {
    if (!schema.items) out.push(`${where}: array without items`);
    else out.push(...untypedProperties(schema.items as Schema, `${where}[]`));
  }
  return out;
}

describe('the OpenAPI document', () => {
  const doc = JSON.parse(
    readFileSync(join(__dirname, '../../../../docs/openapi.json'), 'utf8'),
  ) as { components: { schemas: Record<string, Schema> } };

  it('types every schema property (no bare objects, no arrays of nothing)', () => {
    const untyped = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      untypedProperties(schema, name),
    );
    expect(untyped).toEqual([]);
  });

  it('the check finds what it is for', () => {
    expect(
      untypedProperties(
        {
          type: 'object',
          properties: {
            bare: { type: 'object', nullable: true },
            list: { type: 'array' },
            objects: { type: 'array', items: { type: 'object' } },
            nothing: { description: 'no type' },
            ok: { allOf: [{ $ref: '#/components/schemas/X' }] },
            map: { type: 'object', additionalProperties: true },
          },
        },
        'R',
      ),
    ).toEqual([
      'R.bare: object without properties',
      'R.list: array without items',
      'R.objects[]: object without properties',
      'R.nothing: no type',
    ]);
  });
});
