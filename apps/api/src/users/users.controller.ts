import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService, type AuthenticatedActor } from '@witness/domain';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { CreateUserDto, UpdateUserDto, UserIdParams, UserResponse } from './user.dto';

@ApiTags('users')
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a user (admin)',
    description: 'The password must be 12-256 characters and not a common or guessable one.',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateUserDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.users.create(body, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List users (admin)' })
  @ApiOkResponse({ type: [UserResponse] })
  @ApiProblems(401, 403)
  list() {
    return this.users.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user (admin)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@Param() { id }: UserIdParams) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, role or time zone (admin)',
    description: "A role change ends the user's sessions.",
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  update(
    @Param() { id }: UserIdParams,
    @Body() body: UpdateUserDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.users.update(id, body, actor);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate a user (admin)',
    description: 'The account can no longer sign in; all its sessions end now.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  deactivate(@Param() { id }: UserIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.users.deactivate(id, actor);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reactivate a user (admin)',
    description:
      'A deactivated account may sign in again (no old session comes back). Reactivating an active account changes nothing.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  reactivate(@Param() { id }: UserIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.users.reactivate(id, actor);
  }

  @Post(':id/reset-mfa')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reset a user's second factor (admin)",
    description: 'For a lost device: the user enrols again at next sign-in.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  resetMfa(@Param() { id }: UserIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.users.resetMfa(id, actor);
  }
}
