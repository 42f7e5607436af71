/**
 * Types of the API's requests and answers, from the client generated out of the OpenAPI
 * document (clients/witness-api.ts): a test that uses them stops compiling when the contract
 * changes under it.
 */
import type { components, paths } from '../../clients/witness-api';

export type Schemas = components['schemas'];

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type OperationOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body an operation answers with this status. */
export type ResponseBody<P extends keyof paths, M extends Method, S extends number = 200> =
  OperationOf<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? R[S] extends { content: { 'application/json': infer B } }
        ? B
        : never
      : never
    : never;

/** The JSON body an operation takes. */
export type RequestBody<P extends keyof paths, M extends Method> =
  OperationOf<P, M> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;
