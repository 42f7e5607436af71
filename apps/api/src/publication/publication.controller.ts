import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  PUBLIC_PHOTO_CONTENT_TYPE,
  PublicationService,
  PublicPhotoService,
  type AuthenticatedActor,
} from '@witness/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { DefenderIdParams } from '../defenders/defender.dto';
import { CurrentActor } from '../http/actor.decorator';
import { Versioned } from '../http/etag.interceptor';
import { Preconditions, type WritePreconditions } from '../http/if-match.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { PublicProfileResponse } from '../public/public.dto';
import { sendImage } from '../public/public-http';
import { PublicationResponse, PutPublicationDto } from './publication.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

@ApiTags('publication')
@Controller('api/v1/defenders/:id/publication')
export class PublicationController {
  constructor(
    private readonly publication: PublicationService,
    private readonly photos: PublicPhotoService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: "A defender's publication",
    description:
      'The public edition a coordinator approved, whether the public feed shows it now (`live`) and, if not, why (`blockers`). 404 until one is saved.',
  })
  @ApiOkResponse({ type: PublicationResponse, description: 'The publication (with ETag).' })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async get(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.publication.get(id, actor);
    return view;
  }

  @Get('preview')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Preview the public profile',
    description:
      'The saved publication exactly as the public feed shows it (or would, once featured): built by the same code, with the same allow-list of fields. Save it with featured=false to preview before featuring.',
  })
  @ApiOkResponse({ type: PublicProfileResponse })
  @ApiProblems(400, 401, 404)
  preview(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.publication.preview(id, actor);
  }

  @Get('preview/photo')
  @Roles(...STAFF)
  @ApiProduces(PUBLIC_PHOTO_CONTENT_TYPE)
  @ApiOperation({
    summary: "The preview's photo",
    description:
      'The copy of the chosen photo document the public feed serves (or would, once the profile is featured): the same resized WebP without metadata. 404 when the preview shows no photo from the documents (none chosen, no photo consent in force, or the document deleted, confidential or no longer a photo). Not cached (Cache-Control: private, no-store).',
  })
  @ApiOkResponse({
    description: 'The image.',
    content: { [PUBLIC_PHOTO_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 404)
  async previewPhoto(
    @Param() { id }: DefenderIdParams,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const image = await this.photos.previewImage(id, actor);
    return sendImage(req, reply, image, 'private, no-store');
  }

  @Put()
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Feature, edit or unpublish a profile (coordinators, admins)',
    description:
      'Creates the publication (no If-Match, or If-None-Match: *) or changes it (If-Match with its ETag). Fields left out keep their value; null clears publicStory or photo. featured=true needs the current public_profile consent (and photo consent for a photo) and a case with standard access, else 409 with `code` (consent_required with `purpose`, defender_restricted, defender_archived). featured=false unpublishes at once.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of the publication you read, to change it. Missing on an existing one: 428; stale: 412.',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: '`*`: create only (412 if the defender already has a publication).',
  })
  @ApiOkResponse({ type: PublicationResponse, description: 'Changed (with ETag).' })
  @ApiCreatedResponse({ type: PublicationResponse, description: 'Created (with ETag).' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @Versioned()
  async put(
    @Param() { id }: DefenderIdParams,
    @Body() body: PutPublicationDto,
    @Preconditions() pre: WritePreconditions,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { view, created } = await this.publication.put(id, body, pre, actor);
    if (created) void reply.status(201).header('Location', `/api/v1/defenders/${id}/publication`);
    return view;
  }
}
