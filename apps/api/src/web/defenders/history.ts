import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DefendersService, UsersService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { HistoryQueryDto } from '../../cases/history.dto';
import { DefenderIdParams } from '../../defenders/defender.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { Views, type WebRequest } from '../views';
import { defined, validateAs } from '../web-form';
import { describeChanges, firstString, STAFF } from './view';

/** A defender's history: the audit trail of the case, page by page. */
@ApiExcludeController()
@Controller('app')
export class DefenderHistoryWebController {
  constructor(
    private readonly views: Views,
    private readonly defenders: DefendersService,
    private readonly users: UsersService,
  ) {}

  @Get('defenders/:id/history')
  @Roles(...STAFF)
  async history(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Query() query: Record<string, unknown>,
  ) {
    const page = await validateAs(
      HistoryQueryDto,
      defined({ cursor: firstString(query.cursor), limit: firstString(query.limit) }),
    );
    const defender = await this.defenders.get(id, actor, { archived: true });
    const history = await this.defenders.history(id, actor, {
      limit: page.limit ?? 50,
      cursor: page.cursor,
    });
    const names = await this.userNames(history.data.map((e) => e.actorId));
    const next = new URLSearchParams();
    if (page.limit) next.set('limit', String(page.limit));
    if (history.nextCursor) next.set('cursor', history.nextCursor);
    return this.views.send(
      req,
      reply,
      'defenders/history',
      {
        defender,
        entries: history.data.map((e) => ({
          ...e,
          who: (e.actorId && names.get(e.actorId)) ?? null,
          changeList: describeChanges(e),
        })),
        nextUrl: history.nextCursor ? `/app/defenders/${id}/history?${next.toString()}` : null,
        firstUrl: page.cursor ? `/app/defenders/${id}/history` : null,
      },
      {
        title: 'defenders.history.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
      },
    );
  }

  /** Names of the users mentioned (one query); a user no longer on record shows by role. */
  private userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    return this.users.names(ids.filter((x): x is string => !!x));
  }
}
