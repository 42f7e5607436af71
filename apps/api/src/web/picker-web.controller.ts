import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ROLES, type AuthenticatedActor, type Role } from '@witness/domain';
import { ForbiddenError } from '@witness/platform';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ToBoolean } from '../http/validators';
import { PICK_QUERY_MAX, Pickers, type PickOption } from './picker';
import type { WebRequest } from './views';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
/** Those whose forms choose people (owners, reminded people, assignees, the audit's actor). */
const CHOOSE_USERS = ['caseworker', 'coordinator', 'admin'] as const;

export class PickQueryDto {
  /** What was typed: each word a prefix of a word of the name (empty: the first ones). */
  @IsOptional()
  @IsString()
  @MaxLength(PICK_QUERY_MAX)
  q?: string;
}

export class PickUsersQueryDto extends PickQueryDto {
  /** Only these roles (repeated `role=`, or comma-separated). */
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value.split(',').filter((r) => r !== '')
      : Array.isArray(value)
        ? value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
        : value,
  )
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each must be one of ${ROLES.join(', ')}` })
  role?: Role[];

  /** Deactivated accounts too (admins only: the audit trail's filter). */
  @IsOptional()
  @ToBoolean()
  @IsIn([true, false], { message: 'must be true or false' })
  inactive?: boolean;
}

/**
 * The pickers' searches (docs/web/picker.md): JSON for app.js, behind the session cookie
 * and the same need-to-know as every page. At most 20 matches `{ id, label, hint }` and
 * whether there are more; errors are problem+json (400 naming `q`).
 */
@ApiExcludeController()
@Controller('app/pick')
export class PickerWebController {
  constructor(private readonly pickers: Pickers) {}

  /** Cases the signed-in person may see (a restricted one only if assigned, or a decider). */
  @Get('defenders')
  @Roles(...STAFF)
  @Header('Cache-Control', 'no-store')
  defenders(
    @Req() req: WebRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: PickQueryDto,
  ): Promise<{ data: PickOption[]; more: boolean }> {
    return this.pickers.search(req, actor, 'defenders', query.q ?? '');
  }

  @Get('partners')
  @Roles(...STAFF)
  @Header('Cache-Control', 'no-store')
  partners(
    @Req() req: WebRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: PickQueryDto,
  ): Promise<{ data: PickOption[]; more: boolean }> {
    return this.pickers.search(req, actor, 'partners', query.q ?? '');
  }

  /** Active accounts (all of them only for admins), by role when asked. */
  @Get('users')
  @Roles(...CHOOSE_USERS)
  @Header('Cache-Control', 'no-store')
  async users(
    @Req() req: WebRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: PickUsersQueryDto,
  ): Promise<{ data: PickOption[]; more: boolean }> {
    if (query.inactive && actor.role !== 'admin') {
      throw new ForbiddenError('Only admins choose among deactivated accounts.');
    }
    return this.pickers.search(req, actor, 'users', query.q ?? '', {
      roles: query.role,
      inactive: query.inactive,
    });
  }
}
