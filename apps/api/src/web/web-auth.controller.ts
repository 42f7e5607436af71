import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthService, UsersService, type AuthenticatedActor } from '@witness/domain';
import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  type Env,
} from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { LoginDto, TotpDto } from '../auth/auth.dto';
import { AllowMfaPending, Public, Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { qrCodeDataUrl, recoveryCodesFile } from './mfa-enrolment';
import { Views, type WebRequest } from './views';
import { errorMap, text, validateAs, type FormBody } from './web-form';
import {
  clearSessionCookie,
  crossOrigin,
  LOGIN_CSRF_COOKIE,
  newLoginCsrf,
  safeNext,
  sameToken,
  setLoginCsrfCookie,
  setSessionCookie,
  WEB_PREFIX,
} from './web-session';

export const ANY_ROLE = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

/** Sign-in (password and TOTP), sign-out, second-factor enrolment, and the static assets. */
@ApiExcludeController()
@Controller('app')
export class WebAuthController {
  constructor(
    private readonly views: Views,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  private get cookieMode(): Env['WEB_COOKIE_SECURE'] {
    return this.config.get('WEB_COOKIE_SECURE', { infer: true });
  }

  @Get('login')
  @Public()
  async loginPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
  ) {
    return this.renderLogin(req, reply, { next: safeNext(next) });
  }

  @Post('login')
  @Public()
  async login(@Req() req: WebRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const next = safeNext(text(body, 'next'));
    const form = { email: text(body, 'email') ?? '', next };
    const cookie = (req.cookies ?? {})[LOGIN_CSRF_COOKIE];
    if (crossOrigin(req) || !cookie || !sameToken(text(body, '_csrf'), cookie)) {
      return this.renderLogin(req, reply, { ...form, error: 'auth.formExpired' }, 403);
    }
    try {
      const input = await validateAs(LoginDto, {
        email: text(body, 'email') ?? '',
        password: typeof body.password === 'string' ? body.password : '',
        ...(text(body, 'totp') ? { totp: text(body, 'totp') } : {}),
      });
      const result = await this.auth.login(input, { ip: req.ip, requestId: String(req.id) });
      setSessionCookie(reply, req, result.token, this.cookieMode);
      void reply.clearCookie(LOGIN_CSRF_COOKIE, { path: `${WEB_PREFIX}/login` });
      return reply.redirect(result.mfaEnrolmentRequired ? `${WEB_PREFIX}/mfa` : next, 303);
    } catch (err) {
      if (err instanceof ValidationFailedError) {
        return this.renderLogin(req, reply, { ...form, errors: errorMap(err.errors) }, 400);
      }
      if (
        err instanceof AppError &&
        (err.code === 'unauthenticated' || err.code === 'too_many_requests')
      ) {
        // One message for every failure (the code field is always on the form): the page
        // never says that the password was right and only the code is missing.
        return this.renderLogin(
          req,
          reply,
          { ...form, message: err.message },
          err.code === 'too_many_requests' ? 429 : 401,
        );
      }
      throw err;
    }
  }

  private async renderLogin(
    req: WebRequest,
    reply: FastifyReply,
    data: Record<string, unknown>,
    status = 200,
  ) {
    const csrf = newLoginCsrf();
    setLoginCsrfCookie(reply, req, csrf, this.cookieMode);
    return this.views.send(
      req,
      reply,
      'auth/login',
      { ...data, loginCsrf: csrf },
      {
        title: 'auth.signIn',
        status,
      },
    );
  }

  @Post('logout')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  async logout(@CurrentActor() actor: AuthenticatedActor, @Res() reply: FastifyReply) {
    await this.auth.logout(actor);
    clearSessionCookie(reply);
    return reply.redirect(`${WEB_PREFIX}/login?notice=signed_out`, 303);
  }

  /**
   * The second factor: its state, or the enrolment under way (the same secret and QR code
   * again after a reload or a mistyped code, until it is confirmed).
   */
  @Get('mfa')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  async mfaPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const user = await this.users.get(actor.userId);
    const pending = user.mfaEnabled ? null : await this.auth.pendingMfaEnrolment(actor);
    if (pending) return this.renderEnrolment(req, reply, actor, pending);
    return this.views.send(
      req,
      reply,
      'auth/mfa',
      { enabled: user.mfaEnabled, pending: actor.mfaPending },
      { title: 'auth.mfaTitle', section: 'account' },
    );
  }

  /** A new secret (enrolling again replaces one not yet confirmed). */
  @Post('mfa/enrol')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  async mfaEnrol(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    try {
      await this.auth.enrolMfa(actor);
    } catch (err) {
      // Already active (a second tab, a resent form): the page says so.
      if (!(err instanceof ConflictError)) throw err;
    }
    return reply.redirect(`${WEB_PREFIX}/mfa`, 303);
  }

  @Post('mfa/confirm')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  async mfaConfirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    try {
      const { totp } = await validateAs(TotpDto, { totp: text(body, 'totp') ?? '' });
      const { recoveryCodes } = await this.auth.confirmMfa(actor, totp);
      // Shown once, on this answer only: nothing keeps them to be shown again.
      return this.views.send(
        req,
        reply,
        'auth/mfa',
        {
          recoveryCodes,
          recoveryFile: recoveryCodesFile(
            recoveryCodes,
            this.views.tr(req, 'auth.recoveryFileHeading'),
          ),
        },
        { title: 'auth.mfaTitle', section: 'account' },
      );
    } catch (err) {
      // Already confirmed (the form sent twice): the page shows the factor as active.
      if (err instanceof ConflictError) return reply.redirect(`${WEB_PREFIX}/mfa`, 303);
      if (!(err instanceof ValidationFailedError)) throw err;
      const pending = await this.auth.pendingMfaEnrolment(actor);
      if (!pending) return reply.redirect(`${WEB_PREFIX}/mfa`, 303);
      return this.renderEnrolment(req, reply, actor, pending, errorMap(err.errors), 400);
    }
  }

  private async renderEnrolment(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    enrolment: { secret: string; otpauthUri: string },
    errors?: Record<string, string>,
    status = 200,
  ) {
    return this.views.send(
      req,
      reply,
      'auth/mfa',
      {
        enrolling: true,
        ...enrolment,
        qrCode: await qrCodeDataUrl(enrolment.otpauthUri),
        errors,
        pending: actor.mfaPending,
      },
      { title: 'auth.mfaTitle', section: 'account', status },
    );
  }

  /** Static assets (CSS, the progressive-enhancement script), cached by their content hash. */
  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() reply: FastifyReply) {
    const asset = this.views.assets.get(file);
    if (!asset) throw new NotFoundError('No such asset.');
    return reply
      .header('Content-Type', asset.type)
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('X-Content-Type-Options', 'nosniff')
      .send(asset.body);
  }
}
