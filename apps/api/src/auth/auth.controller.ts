import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, UsersService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyRequest } from 'fastify';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { UserResponse } from '../users/user.dto';
import { LoginDto, LoginResponse, MfaConfirmResponse, MfaEnrolResponse, TotpDto } from './auth.dto';
import { AllowMfaPending, Public, Roles } from './policy.decorators';

const ANY_ROLE = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Email, password and, when the account has a second factor, its TOTP or recovery code in the same request. Every failure gets the same 401 answer (unknown email, wrong password, missing or wrong code), so it says neither whether the email exists nor whether the password was right; each counts towards the lock-out: after 5 failures in 15 minutes the account answers 429 with Retry-After.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto, @Req() req: FastifyRequest) {
    return this.auth.login(body, { ip: req.ip, requestId: String(req.id) });
  }

  @Post('logout')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out', description: 'Revokes the session token at once.' })
  @ApiProblems(401)
  async logout(@CurrentActor() actor: AuthenticatedActor) {
    await this.auth.logout(actor);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  @ApiOperation({ summary: 'Who am I', description: 'The signed-in account.' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(401)
  async me(@CurrentActor() actor: AuthenticatedActor) {
    return { ...(await this.users.get(actor.userId)), mfaEnrolmentRequired: actor.mfaPending };
  }

  @Post('mfa/enrol')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start TOTP enrolment',
    description: 'Returns a new secret and otpauth URI; the factor is active once confirmed.',
  })
  @ApiOkResponse({ type: MfaEnrolResponse })
  @ApiProblems(401, 409)
  enrol(@CurrentActor() actor: AuthenticatedActor) {
    return this.auth.enrolMfa(actor);
  }

  @Post('mfa/confirm')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm TOTP enrolment',
    description:
      'Activates the second factor with a first code and returns single-use recovery codes (shown once).',
  })
  @ApiOkResponse({ type: MfaConfirmResponse })
  @ApiProblems(400, 401, 409)
  confirm(@CurrentActor() actor: AuthenticatedActor, @Body() body: TotpDto) {
    return this.auth.confirmMfa(actor, body.totp);
  }
}
