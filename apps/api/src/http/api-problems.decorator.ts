import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`).',
  404: 'No such record (or it is archived).',
  409: 'The change conflicts with the current state.',
  412: 'Someone else changed the record since you read it: reload and re-apply.',
  413: 'The body is too large.',
  422: 'Something required is missing (each item in `missing`).',
  428: 'If-Match is required.',
};

/** Document the problem+json answers an operation can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      }),
    ),
  );
}
