import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { Views, type WebRequest } from './views';
import { ANY_ROLE } from './web-auth.controller';

/** The home page: what needs the signed-in user's attention now. */
@ApiExcludeController()
@Controller('app')
export class HomeWebController {
  constructor(private readonly views: Views) {}

  @Get()
  @Roles(...ANY_ROLE)
  async home(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.views.send(req, reply, 'home/index', {}, { title: 'home.title', section: 'home' });
  }
}
