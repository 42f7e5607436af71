import { Controller, Get, Header, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Metrics } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { ProblemDto } from '../http/problem.dto';

/**
 * Prometheus metrics on the api's own port, for admins. With METRICS_PORT set they are
 * served on that port instead (no sign-in, private network) and this route answers 404.
 */
@ApiTags('operations')
@ApiExtraModels(ProblemDto)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'The Prometheus text exposition of this api process: HTTP latency and errors by route, ' +
      'queue depths, outbox backlog, reminders due, database pool use. Admins only. When ' +
      'METRICS_PORT is set the metrics are served on that port instead and this route answers 404.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text format 0.0.4.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 401,
    description: 'Not signed in.',
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
    },
  })
  @ApiResponse({
    status: 403,
    description: 'Not an admin.',
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
    },
  })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await this.metrics.exposition();
    void reply.header('Content-Type', contentType);
    return body;
  }
}
