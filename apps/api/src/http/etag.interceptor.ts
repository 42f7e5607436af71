import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { etagFor } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/**
 * Optimistic concurrency's answer side, one mechanism for every versioned resource: the
 * record a route returns carries its `version`, sent back as a strong ETag (`"3"`), which a
 * client sends in If-Match to change it (read by `@IfMatchVersion()`: 428 when missing, 400
 * when unreadable; the services answer 412 to a stale one).
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') {
          void context.switchToHttp().getResponse<FastifyReply>().header('ETag', etagFor(version));
        }
        return body;
      }),
    );
  }
}

/** The route answers with a versioned record: its ETag is set from the record's version. */
export const Versioned = () => applyDecorators(UseInterceptors(EtagInterceptor));
