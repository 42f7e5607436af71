import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/policy.decorators';
import { OPENAPI_PATH } from '../docs/openapi';
import { WEB_PREFIX } from '../web/web-session';

/**
 * The addresses a person types first. `/` leads to the web app (which sends anyone not signed
 * in to its sign-in page); `/api` and `/api/v1` lead to the API reference (Swagger UI at
 * /docs). Temporary redirects (302): they say where things are today, not forever. Not part
 * of the API contract, so not in the OpenAPI document.
 */
@ApiExcludeController()
@Public()
@Controller()
export class FrontDoorController {
  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect(WEB_PREFIX, 302);
  }

  @Get(['api', 'api/v1'])
  apiReference(@Res() reply: FastifyReply): void {
    void reply.redirect(OPENAPI_PATH, 302);
  }
}
