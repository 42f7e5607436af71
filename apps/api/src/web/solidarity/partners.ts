import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PARTNER_KINDS, SolidarityService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { CurrentActor } from '../../http/actor.decorator';
import { CreatePartnerDto } from '../../solidarity/solidarity.dto';
import { Views, type WebRequest } from '../views';
import { formErrors, refill, text, validateAs, type FormBody } from '../web-form';
import { DECIDERS, STAFF } from '../work-web.shared';

/** Solidarity partners: the list and the form that adds one. */
@ApiExcludeController()
@Controller('app')
export class PartnersWebController {
  constructor(
    private readonly views: Views,
    private readonly solidarity: SolidarityService,
  ) {}

  @Get('solidarity/partners')
  @Roles(...STAFF)
  async partnerList(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const partners = await this.solidarity.partners(actor);
    return this.views.send(
      req,
      reply,
      'solidarity/partners',
      { partners },
      { title: 'work.partners.title', section: 'solidarity' },
    );
  }

  @Get('solidarity/partners/new')
  @Roles(...DECIDERS)
  async partnerNew(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.views.send(
      req,
      reply,
      'solidarity/partner-form',
      { values: { kind: 'partner' }, kinds: PARTNER_KINDS },
      { title: 'work.partners.newTitle', section: 'solidarity' },
    );
  }

  @Post('solidarity/partners/new')
  @Roles(...DECIDERS)
  async partnerCreate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const contact = {
      name: text(body, 'contactPerson.name'),
      email: text(body, 'contactPerson.email') ?? null,
      phone: text(body, 'contactPerson.phone') ?? null,
    };
    const hasContact = !!(contact.name || contact.email || contact.phone);
    try {
      const dto = await validateAs(CreatePartnerDto, {
        name: text(body, 'name') ?? '',
        kind: text(body, 'kind') ?? '',
        country: text(body, 'country') ?? null,
        contactPerson: hasContact ? { ...contact, name: contact.name ?? '' } : null,
        notes: text(body, 'notes') ?? null,
      });
      await this.solidarity.createPartner(dto, actor);
      return reply.redirect('/app/solidarity/partners?notice=work.notices.partnerCreated', 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.views.send(
        req,
        reply,
        'solidarity/partner-form',
        { values: refill(body), errors, kinds: PARTNER_KINDS },
        { title: 'work.partners.newTitle', section: 'solidarity', status: 400 },
      );
    }
  }
}
