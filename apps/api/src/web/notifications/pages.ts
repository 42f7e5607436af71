import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CalendarFeedsService,
  CHANNELS,
  NotificationsService,
  type AuthenticatedActor,
  type IssuedCalendarFeed,
  type NotificationView,
} from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { CurrentActor } from '../../http/actor.decorator';
import {
  InboxQueryDto,
  NotificationIdParams,
  NotificationPreferencesDto,
} from '../../notifications/notification.dto';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { checkbox, formErrors, integer, many, text, validateAs, type FormBody } from '../web-form';
import { PAGE_SIZE, STAFF } from '../work-web.shared';

/** The notifications inbox, the preferences and the calendar feed's address. */
@ApiExcludeController()
@Controller('app')
export class NotificationsWebController {
  constructor(
    private readonly views: Views,
    private readonly notifications: NotificationsService,
    private readonly calendarFeeds: CalendarFeedsService,
  ) {}

  @Get('notifications')
  @Roles(...STAFF)
  async inbox(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query('cursor') cursor?: string,
  ) {
    const q = await validateAs(InboxQueryDto, cursor ? { cursor } : {});
    const [unread, all] = await Promise.all([
      this.notifications.inbox(actor, { unread: true, limit: 200 }),
      this.notifications.inbox(actor, { limit: PAGE_SIZE, cursor: q.cursor }),
    ]);
    const view = (n: NotificationView) => ({ ...n, href: webLink(n.link) });
    return this.views.send(
      req,
      reply,
      'notifications/index',
      {
        unread: unread.data.map(view),
        unreadMore: unread.nextCursor !== null,
        earlier: all.data.filter((n) => n.readAt).map(view),
        nextUrl: all.nextCursor
          ? `/app/notifications?cursor=${encodeURIComponent(all.nextCursor)}`
          : undefined,
        firstUrl: cursor ? '/app/notifications' : undefined,
      },
      { title: 'work.inbox.title', section: 'notifications' },
    );
  }

  @Post('notifications/read-all')
  @Roles(...STAFF)
  async inboxReadAll(@Res() reply: FastifyReply, @CurrentActor() actor: AuthenticatedActor) {
    await this.notifications.markAllRead(actor.userId);
    return reply.redirect('/app/notifications?notice=work.notices.allRead', 303);
  }

  @Post('notifications/:id/read')
  @Roles(...STAFF)
  async inboxRead(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: NotificationIdParams,
  ) {
    await this.notifications.markRead(actor, id);
    return reply.redirect('/app/notifications?notice=work.notices.read', 303);
  }

  @Get('notifications/preferences')
  @Roles(...STAFF)
  async preferences(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const prefs = await this.notifications.preferences(actor.userId);
    return this.renderPreferences(req, reply, {
      values: {
        channels: prefs.channels,
        webhookUrl: prefs.webhookUrl ?? '',
        digestHour: prefs.digestHour === null ? '' : String(prefs.digestHour),
      },
      hasWebhook: !!prefs.webhookUrl,
    });
  }

  @Post('notifications/preferences')
  @Roles(...STAFF)
  async setPreferences(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const values = {
      channels: many(body, 'channels'),
      webhookUrl: text(body, 'webhookUrl') ?? '',
      digestHour: text(body, 'digestHour') ?? '',
    };
    try {
      const dto = await validateAs(NotificationPreferencesDto, {
        channels: values.channels,
        webhookUrl: values.webhookUrl || null,
        regenerateWebhookSecret: checkbox(body, 'regenerateWebhookSecret'),
        digestHour: integer(body, 'digestHour') ?? null,
      });
      const saved = await this.notifications.setPreferences(actor.userId, dto);
      if (saved.webhookSecret) {
        // Shown once, on this answer only: no redirect that would lose it.
        return this.renderPreferences(req, reply, {
          values: {
            channels: saved.channels,
            webhookUrl: saved.webhookUrl ?? '',
            digestHour: saved.digestHour === null ? '' : String(saved.digestHour),
          },
          hasWebhook: true,
          secret: saved.webhookSecret,
        });
      }
      return reply.redirect('/app/notifications/preferences?notice=saved', 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      const current = await this.notifications.preferences(actor.userId);
      return this.renderPreferences(
        req,
        reply,
        { values, errors, hasWebhook: !!current.webhookUrl },
        400,
      );
    }
  }

  /** Create the calendar feed, or replace its address: the page shows it once, no redirect. */
  @Post('notifications/calendar-feed')
  @Roles(...STAFF)
  async calendarFeedIssue(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const issued = await this.calendarFeeds.issue(actor, {
      includeNames: checkbox(body, 'includeNames'),
    });
    const prefs = await this.notifications.preferences(actor.userId);
    return this.renderPreferences(req, reply, {
      values: {
        channels: prefs.channels,
        webhookUrl: prefs.webhookUrl ?? '',
        digestHour: prefs.digestHour === null ? '' : String(prefs.digestHour),
      },
      hasWebhook: !!prefs.webhookUrl,
      issuedFeed: issued,
    });
  }

  @Post('notifications/calendar-feed/revoke')
  @Roles(...STAFF)
  async calendarFeedRevoke(@Res() reply: FastifyReply, @CurrentActor() actor: AuthenticatedActor) {
    await this.calendarFeeds.revoke(actor);
    return reply.redirect(
      '/app/notifications/preferences?notice=work.notices.calendarFeedRevoked#calendar-feed',
      303,
    );
  }

  private async renderPreferences(
    req: WebRequest,
    reply: FastifyReply,
    data: {
      values: { channels: string[]; webhookUrl: string; digestHour: string };
      errors?: FieldErrorMap;
      hasWebhook: boolean;
      secret?: string;
      /** A calendar feed address just issued: shown on this answer only. */
      issuedFeed?: IssuedCalendarFeed;
    },
    status = 200,
  ) {
    // The page's calendar feed panel; every route here is signed in (the guard set actor).
    const feed = data.issuedFeed ?? (await this.calendarFeeds.status(req.actor!.userId));
    return this.views.send(
      req,
      reply,
      'notifications/preferences',
      {
        ...data,
        feed,
        channelOptions: CHANNELS.map((c) => ({
          value: c,
          checked: data.values.channels.includes(c),
        })),
        hourOptions: Array.from({ length: 24 }, (_, h) => ({
          value: String(h),
          label: `${String(h).padStart(2, '0')}:00`,
        })),
      },
      { title: 'work.preferences.title', section: 'notifications', status },
    );
  }
}

/** A notification's link (a path inside Witness) as a web-app address. */
function webLink(link: string | null): string | undefined {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return undefined;
  return `/app${link}`;
}
