import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CalendarFeedsService, type AuthenticatedActor } from '@witness/domain';
import { ICAL_CONTENT_TYPE, NotFoundError } from '@witness/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { ProblemDto } from '../http/problem.dto';
import { PublicRateLimitGuard } from '../public/public-rate-limit.guard';
import {
  CalendarFeedResponse,
  IssueCalendarFeedDto,
  IssuedCalendarFeedResponse,
} from './calendar-feed.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

/** The signed-in user's own calendar feed: whether there is one, create or rotate, revoke. */
@ApiTags('calendar feeds')
@Controller('api/v1/me/calendar-feed')
export class MyCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'My calendar feed',
    description:
      'Whether you have a working feed URL, when it was created, rotated and last fetched, and its options. Never the URL: only a hash of its secret is kept.',
  })
  @ApiOkResponse({ type: CalendarFeedResponse })
  @ApiProblems(401)
  get(@CurrentActor() actor: AuthenticatedActor) {
    return this.feeds.status(actor.userId);
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Create or rotate my calendar feed',
    description:
      'Issues a new private iCalendar URL with your milestones and the UN calendar, and returns it this once. If you had one, its old URL stops working at once (rotation). includeNames (default false) shows the names of defenders of standard cases; restricted cases are never named.',
  })
  @ApiCreatedResponse({ type: IssuedCalendarFeedResponse })
  @ApiProblems(400, 401)
  async issue(
    @Body() body: IssueCalendarFeedDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The answer holds a credential: no cache may keep it.
    void reply.header('Cache-Control', 'no-store');
    return this.feeds.issue(actor, { includeNames: body?.includeNames });
  }

  @Delete()
  @Roles(...STAFF)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke my calendar feed',
    description:
      'Its URL answers 404 from now on (calendars subscribed to it stop updating). Idempotent.',
  })
  @ApiNoContentResponse({ description: 'Revoked (or there was none).' })
  @ApiProblems(401)
  async revoke(@CurrentActor() actor: AuthenticatedActor) {
    await this.feeds.revoke(actor);
  }
}

/**
 * The feed itself: public (calendar apps cannot sign in), authenticated by the secret in its
 * URL alone. Unknown, malformed and revoked secrets, and a deactivated user's, all get the
 * same 404. Spends the public routes' per-address budget; the secret never reaches the logs
 * (see `loggableUrl`).
 */
@ApiTags('calendar feeds')
@ApiExtraModels(ProblemDto)
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('api/v1/calendar-feeds')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get(':secret.ics')
  @ApiProduces('text/calendar')
  @ApiParam({
    name: 'secret',
    description: 'The secret of the URL you were given (43 characters).',
  })
  @ApiOperation({
    summary: 'A private calendar feed (iCalendar)',
    description:
      'RFC 5545: your milestones from 30 days ago to a year ahead (as you may see them now) and the UN calendar, each deadline as its own all-day event. No sensitive field, no milestone notes, never the name of a restricted case. Subscribe to it from Outlook, Google Calendar or Thunderbird.',
  })
  @ApiOkResponse({ description: 'The calendar.', schema: { type: 'string' } })
  @ApiResponse({
    status: 429,
    description: 'Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After.',
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
    },
  })
  @ApiProblems(404)
  async feed(
    @Req() req: FastifyRequest<{ Params: { secret: string } }>,
    @Res() reply: FastifyReply,
  ) {
    // Read raw, not through the validation pipe: whatever the secret holds (a NUL, a quote,
    // the wrong length), the answer is the same 404 as for an unknown one.
    const secret = String(req.params.secret ?? '');
    // On errors too: nothing of this exchange is cached, nor its URL sent on as a referrer.
    void reply
      .header('Cache-Control', 'private, no-store')
      .header('Referrer-Policy', 'no-referrer')
      .header('X-Robots-Tag', 'noindex');
    const body = await this.feeds.render(secret, { ip: req.ip, requestId: String(req.id) });
    if (body === null) throw new NotFoundError('Calendar feed');
    return reply
      .status(200)
      .header('Content-Type', ICAL_CONTENT_TYPE)
      .header('Content-Disposition', 'inline; filename="witness.ics"')
      .send(body);
  }
}
