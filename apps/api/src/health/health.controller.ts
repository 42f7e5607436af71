import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/policy.decorators';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { REDIS } from '@witness/platform';
import type Redis from 'ioredis';
import { ApiProblems } from '../http/api-problems.decorator';
import { DependencyStatusDto, LivenessResponse, ReadinessResponse } from './health.dto';

/** Liveness (the process answers) and readiness (PostgreSQL and Redis answer). */
@ApiTags('health')
@ApiExtraModels(DependencyStatusDto)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is alive.', type: LivenessResponse })
  @ApiOperation({
    summary: 'Liveness',
    description: 'Answers 200 while the process can serve requests. No dependency is checked.',
  })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer.', type: ReadinessResponse })
  // Its own OpenAPI description is Swagger 2 shaped (a response-level schema): ours instead.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiProblems(503)
  @ApiOperation({
    summary: 'Readiness',
    description:
      'PostgreSQL and Redis checked; 503 (problem+json) naming each failed dependency when one is down.',
  })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      () => this.redisCheck(),
    ]);
  }

  private async redisCheck() {
    const check = this.indicator.check('redis');
    let timer: NodeJS.Timeout | undefined;
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 1500);
        }),
      ]);
      return pong === 'PONG' ? check.up() : check.down({ message: 'unexpected reply' });
    } catch (e) {
      return check.down({ message: e instanceof Error ? e.message : 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
