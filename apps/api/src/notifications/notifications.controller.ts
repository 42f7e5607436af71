import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationsService, type AuthenticatedActor } from '@witness/domain';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import {
  DeliveryQueryDto,
  DeliveryResponse,
  InboxQueryDto,
  NotificationIdParams,
  NotificationPageResponse,
  NotificationPreferencesDto,
  NotificationPreferencesResponse,
  NotificationResponse,
  ReadAllResponse,
} from './notification.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

/** The signed-in user's inbox and reminder preferences, and the delivery log for coordinators. */
@ApiTags('notifications')
@Controller('api/v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'My in-app notifications',
    description:
      'Newest first, keyset-paginated (follow nextCursor). unread=true for the unread ones. One about a case you may no longer see is withheld (withheld: true; no title, text, link or ids).',
  })
  @ApiOkResponse({ type: NotificationPageResponse })
  @ApiProblems(400, 401)
  inbox(@Query() query: InboxQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.notifications.inbox(actor, query);
  }

  @Post('notifications/read-all')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: ReadAllResponse })
  @ApiProblems(401)
  readAll(@CurrentActor() actor: AuthenticatedActor) {
    return this.notifications.markAllRead(actor.userId);
  }

  @Post('notifications/:id/read')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark one of my notifications read',
    description: "Idempotent. Someone else's notification answers 404.",
  })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiProblems(400, 401, 404)
  read(@Param() { id }: NotificationIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.notifications.markRead(actor, id);
  }

  @Get('me/notification-preferences')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'My reminder preferences',
    description: 'Channels, webhook URL (never its secret) and daily digest hour.',
  })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiProblems(401)
  preferences(@CurrentActor() actor: AuthenticatedActor) {
    return this.notifications.preferences(actor.userId);
  }

  @Put('me/notification-preferences')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Set my reminder preferences',
    description:
      'Replaces them. Setting a webhook URL for the first time, or regenerateWebhookSecret=true, returns the signing secret once. Pending reminders are re-planned for the new channels.',
  })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiProblems(400, 401)
  setPreferences(
    @Body() body: NotificationPreferencesDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.notifications.setPreferences(actor.userId, body);
  }

  @Get('deliveries')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'The delivery log (coordinators, admins)',
    description:
      'Reminder deliveries, most recently changed first; status=failed lists those that failed after their retries.',
  })
  @ApiOkResponse({ type: [DeliveryResponse] })
  @ApiProblems(400, 401, 403)
  deliveries(
    @Query() query: DeliveryQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<DeliveryResponse[]> {
    return this.notifications.deliveries(actor, { state: query.status, limit: query.limit });
  }
}
