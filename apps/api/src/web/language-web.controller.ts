import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUserLanguage, UsersService, type AuthenticatedActor } from '@witness/domain';
import { ValidationFailedError, type Env } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { AllowMfaPending, Public, Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import type { WebRequest } from './views';
import { ANY_ROLE } from './web-auth.controller';
import { text, type FormBody } from './web-form';
import { safeNext, setLanguageCookie, WEB_PREFIX } from './web-session';

const NOTICE = 'language.notices.changed';

/**
 * The language switcher in the header. A signed-in person's choice is kept on their account
 * (it then follows them to any browser) and in this browser; before signing in, only in this
 * browser. Either way the page they were on comes back in the new language.
 */
@ApiExcludeController()
@Controller('app')
export class LanguageWebController {
  constructor(
    private readonly users: UsersService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Keep the signed-in person's language (a form post with the session's CSRF token). */
  @Post('language')
  @Roles(...ANY_ROLE)
  @AllowMfaPending()
  async choose(
    @CurrentActor() actor: AuthenticatedActor,
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const language = chosenLanguage(text(body, 'language'), 'language');
    await this.users.setLanguage(actor.userId, language, actor);
    setLanguageCookie(reply, req, language, this.config.get('WEB_COOKIE_SECURE', { infer: true }));
    return reply.redirect(withNotice(backTo(text(body, 'next'))), 303);
  }

  /**
   * Choose the language before signing in (a link on the sign-in page): it only sets this
   * browser's preference, so it needs no session.
   */
  @Get('language')
  @Public()
  async chooseHere(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Query('lang') lang?: string,
    @Query('next') next?: string,
  ) {
    const language = chosenLanguage(lang, 'lang');
    setLanguageCookie(reply, req, language, this.config.get('WEB_COOKIE_SECURE', { infer: true }));
    return reply.redirect(backTo(next), 303);
  }
}

function chosenLanguage(value: unknown, field: string) {
  if (!isUserLanguage(value)) throw ValidationFailedError.field(field, 'must be one of en, fr, es');
  return value;
}

/** Back to the page the switcher was on: a page of the web app, the sign-in page included. */
function backTo(next: unknown): string {
  if (typeof next === 'string' && /^\/app\/login(\?[^\s\\]*)?$/.test(next)) return next;
  return safeNext(next);
}

function withNotice(path: string): string {
  const url = new URL(path, 'http://web.invalid');
  url.searchParams.set('notice', NOTICE);
  return `${url.pathname}${url.search}`;
}

export const LANGUAGE_PATH = `${WEB_PREFIX}/language`;
