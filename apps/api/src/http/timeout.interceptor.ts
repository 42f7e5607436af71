import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { UnavailableError, type Env } from '@witness/platform';
import { Observable, throwError, TimeoutError } from 'rxjs';
import { catchError, timeout } from 'rxjs/operators';

/** A handler that runs past `HTTP_REQUEST_TIMEOUT_MS` answers 503 instead of hanging. */
@Injectable()
export class TimeoutInterceptor implements NestInterceptor {
  private readonly ms: number;
  constructor(config: ConfigService<Env, true>) {
    this.ms = config.get('HTTP_REQUEST_TIMEOUT_MS', { infer: true });
  }
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(this.ms),
      catchError((err) =>
        throwError(() =>
          err instanceof TimeoutError ? new UnavailableError('The request took too long.', 1) : err,
        ),
      ),
    );
  }
}
