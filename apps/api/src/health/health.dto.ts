import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ description: 'Always ok while the process answers.', enum: ['ok'] })
  status: 'ok';
}

/** One dependency's state, as @nestjs/terminus reports it. */
export class DependencyStatusDto {
  @ApiProperty({ description: 'up or down.', enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why it is down.', example: 'timeout' })
  message?: string;

  @ApiPropertyOptional({
    description:
      'virusScans: document versions kept while ClamAV was unreachable, not scanned yet.',
    example: 0,
  })
  pending?: number;

  @ApiPropertyOptional({
    description: 'virusScans: seconds the oldest of them has waited (0 when none).',
    example: 0,
  })
  oldestPendingSeconds?: number;
}

export class ReadinessResponse {
  @ApiProperty({ description: 'ok when every dependency is up.', enum: ['ok'] })
  status: 'ok';

  @ApiProperty({
    description: 'The dependencies that are up, by name (postgres, redis, virusScans).',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
    example: { postgres: { status: 'up' }, redis: { status: 'up' } },
  })
  info: Record<string, DependencyStatusDto>;

  @ApiProperty({
    description: 'The dependencies that are down, by name (empty when ready).',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
    example: {},
  })
  error: Record<string, DependencyStatusDto>;

  @ApiProperty({
    description: 'Every dependency, by name.',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
    example: { postgres: { status: 'up' }, redis: { status: 'up' } },
  })
  details: Record<string, DependencyStatusDto>;
}
