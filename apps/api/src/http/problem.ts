import { STATUS_CODES } from 'node:http';
import type { FieldError } from '@witness/platform';

/** RFC 9457 problem details, the body of every 4xx and 5xx. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem types are URNs: stable identifiers that name no host. */
export function problemType(code: string): string {
  return `urn:witness:problem:${code.replace(/_/g, '-')}`;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
