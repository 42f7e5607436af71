import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/policy.decorators';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DocumentScans } from '@witness/domain';
import { REDIS } from '@witness/platform';
import type Redis from 'ioredis';
import { ApiProblems } from '../http/api-problems.decorator';
import { DependencyStatusDto, LivenessResponse, ReadinessResponse } from './health.dto';

/**
 * Liveness (the process answers) and readiness (PostgreSQL and Redis answer; the documents
 * waiting for the virus check are reported, never a reason to be unready).
 */
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
    private readonly scans: DocumentScans,
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
      'PostgreSQL and Redis checked; 503 (problem+json) naming each failed dependency when one is down. `virusScans` reports the documents kept while ClamAV was unreachable and not scanned yet (`pending`, `oldestPendingSeconds`): informative, always up.',
  })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      () => this.redisCheck(),
      () => this.scansCheck(),
    ]);
  }

  /** Uploads waiting for the virus check: a backlog is for the operator to see, not a failure. */
  private async scansCheck() {
    const check = this.indicator.check('virusScans');
    try {
      return check.up({ ...(await this.scans.pendingScans()) });
    } catch {
      // PostgreSQL down: its own check says so.
      return check.up({ message: 'not known (the database did not answer)' });
    }
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
