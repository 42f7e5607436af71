import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`).',
  401: 'No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>.',
  403: 'Your role may not do this, or your second factor is not set up yet.',
  404: 'No such record (or it is archived).',
  409: 'The change conflicts with the current state.',
  412: 'Someone else changed the record since you read it: reload and re-apply.',
  413: 'The body is too large.',
  415: 'The body is not of a media type this operation takes.',
  422: 'Something required is missing (each item in `missing`).',
  428: 'If-Match is required.',
  503: 'A dependency (PostgreSQL, Redis) is not answering; each one down is named.',
};

/** The OpenAPI response object of a problem+json answer with this status. */
export function problemResponse(status: number) {
  return {
    description: DESCRIPTIONS[status] ?? 'Problem',
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
    },
  };
}

/** Document the problem+json answers an operation can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );
}
