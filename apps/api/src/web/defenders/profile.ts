import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ConsentsService,
  DefendersService,
  DetentionService,
  type AuthenticatedActor,
} from '@witness/domain';
import { AppError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { AssignDto, AssigneeParams, CreateConsentDto } from '../../cases/consent.dto';
import { DefenderIdParams } from '../../defenders/defender.dto';
import { CreateEventDto, EventParams, UpdateEventDto } from '../../defenders/event.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { picking } from '../picker';
import { type WebRequest } from '../views';
import { defined, formVersion, refill, text, validateAs, type FormBody } from '../web-form';
import { encodeSnapshot } from './form';
import {
  decodeEventSnapshot,
  eventChangedFields,
  eventCreateInput,
  eventFormFromBody,
  eventFormFromView,
  eventPatchInput,
  overlayEvent,
} from './event-form';
import { DefenderProfilePage } from './profile.page';
import { DECIDERS, EDITORS, STAFF } from './view';

/**
 * A defender's profile (timeline, contacts, consents, assignees, escalations, solidarity
 * actions, milestones) and the forms on it: the same services and role policies as the API's
 * DefendersController, EventsController and CaseAccessController.
 */
@ApiExcludeController()
@Controller('app')
export class DefenderProfileWebController {
  constructor(
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly consents: ConsentsService,
    private readonly page: DefenderProfilePage,
  ) {}

  @Get('defenders/:id')
  @Roles(...STAFF)
  async profile(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    return this.page.renderProfile(req, reply, actor, id, {});
  }

  @Post('defenders/:id/archive')
  @Roles(...EDITORS)
  async archive(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    await this.defenders.archive(id, actor);
    return reply.redirect('/app/defenders?notice=defenders.notices.archived', 303);
  }

  /* -------------------------------------------------------------- timeline */

  @Post('defenders/:id/events')
  @Roles(...EDITORS)
  async addEvent(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const form = eventFormFromBody(body ?? {});
    try {
      const input = await validateAs(CreateEventDto, eventCreateInput(form));
      await this.detention.add(id, input, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.eventAdded#timeline`,
        303,
      );
    } catch (err) {
      return this.page.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        eventForm: form,
        eventErrors: errors,
      }));
    }
  }

  @Post('defenders/:id/events/:eventId/correct')
  @Roles(...EDITORS)
  async correctEvent(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id, eventId }: EventParams,
    @Body() body: FormBody,
  ) {
    body ??= {};
    const mine = eventFormFromBody(body);
    const version = formVersion(body);
    const rawBase = text(body, 'base');
    const base =
      decodeEventSnapshot(rawBase) ??
      eventFormFromView(await this.detention.get(id, eventId, actor));
    const fields = eventChangedFields(mine, base);
    try {
      const patch = await validateAs(UpdateEventDto, eventPatchInput(mine, fields));
      await this.detention.update(id, eventId, patch, version, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.eventCorrected#event-${eventId}`,
        303,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'precondition_failed') {
        const current = await this.detention.get(id, eventId, actor);
        const saved = eventFormFromView(current);
        return this.page.renderProfile(
          req,
          reply,
          actor,
          id,
          {
            correction: {
              eventId,
              form: overlayEvent(saved, mine, fields),
              conflict: true,
              version: current.version,
              base: encodeSnapshot(saved),
            },
          },
          412,
        );
      }
      return this.page.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        correction: { eventId, form: mine, errors, version, base: rawBase ?? encodeSnapshot(base) },
      }));
    }
  }

  /* -------------------------------------------------------------- consents */

  @Post('defenders/:id/consents')
  @Roles(...EDITORS)
  async recordConsent(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    body ??= {};
    const fields = ['purpose', 'decision', 'givenBy', 'method', 'decidedOn', 'expiresOn', 'notes'];
    const form = Object.fromEntries(fields.map((f) => [f, text(body, f) ?? '']));
    try {
      const input = await validateAs(
        CreateConsentDto,
        defined(Object.fromEntries(fields.map((f) => [f, text(body, f)]))),
      );
      await this.consents.add(id, input, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.consentRecorded#consents`,
        303,
      );
    } catch (err) {
      return this.page.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        consentForm: form,
        consentErrors: errors,
      }));
    }
  }

  /* ------------------------------------------------------------- assignees */

  @Post('defenders/:id/assignees')
  @Roles(...DECIDERS)
  async assign(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const again = picking(body);
    if (again) return this.page.renderProfile(req, reply, actor, id, { assignValues: again });
    try {
      const input = await validateAs(AssignDto, { userId: text(body ?? {}, 'userId') ?? '' });
      await this.defenders.assign(id, input.userId, actor);
      return reply.redirect(
        `/app/defenders/${id}?notice=defenders.notices.assigned#assignees`,
        303,
      );
    } catch (err) {
      return this.page.profileFormFailed(err, req, reply, actor, id, (errors) => ({
        assignErrors: errors,
        assignValues: refill(body ?? {}),
      }));
    }
  }

  @Post('defenders/:id/assignees/:userId/remove')
  @Roles(...DECIDERS)
  async unassign(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id, userId }: AssigneeParams,
  ) {
    await this.defenders.unassign(id, userId, actor);
    return reply.redirect(
      `/app/defenders/${id}?notice=defenders.notices.unassigned#assignees`,
      303,
    );
  }

  /* --------------------------------------------------------------- history */
}
