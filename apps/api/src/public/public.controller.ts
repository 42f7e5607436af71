import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ATOM_CONTENT_TYPE,
  PUBLIC_PHOTO_CONTENT_TYPE,
  PUBLIC_PHOTO_MAX_SIDE,
  PublicationService,
  PublicPhotoService,
} from '@witness/domain';
import type { Env } from '@witness/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/policy.decorators';
import { ApiProblems } from '../http/api-problems.decorator';
import { ProblemDto } from '../http/problem.dto';
import {
  PublicListQueryDto,
  PublicPageResponse,
  PublicPhotoQueryDto,
  PublicProfileResponse,
  PublicSlugParams,
} from './public.dto';
import { PublicRateLimitGuard } from './public-rate-limit.guard';
import { sendCacheable, sendImage } from './public-http';

const JSON_TYPE = 'application/json; charset=utf-8';

const NOT_MODIFIED = {
  status: 304,
  description: 'Not modified: If-None-Match named the current ETag.',
};
const TOO_MANY = {
  status: 429,
  description: 'Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After.',
  content: {
    'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
  },
};

/**
 * The public feed: no sign-in, only featured profiles, only the allow-listed fields
 * (`public-profile.ts`). Every answer carries a strong ETag (over its bytes; for a photo, its
 * version token) and
 * `Cache-Control: public, max-age=PUBLIC_CACHE_MAX_AGE`; CORS and error caching are handled
 * for the whole /public prefix in `public-http.ts`.
 */
@ApiTags('public feed')
@ApiExtraModels(ProblemDto)
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('public/v1')
export class PublicController {
  private readonly maxAge: number;

  constructor(
    private readonly publication: PublicationService,
    private readonly photos: PublicPhotoService,
    config: ConfigService<Env, true>,
  ) {
    this.maxAge = config.get('PUBLIC_CACHE_MAX_AGE', { infer: true });
  }

  @Get('defenders')
  @ApiOperation({
    summary: 'Featured defenders',
    description:
      'Featured profiles, most recently published first; filter by country and focus; keyset-paginated (cursor).',
  })
  @ApiOkResponse({ type: PublicPageResponse })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(TOO_MANY)
  @ApiProblems(400)
  async list(
    @Query() query: PublicListQueryDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = await this.publication.publicList(query);
    return sendCacheable(req, reply, JSON.stringify(page), JSON_TYPE, this.maxAge);
  }

  @Get('defenders.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({
    summary: 'Atom feed of featured defenders',
    description:
      'Atom 1.0: one entry per featured profile (up to 100, most recently updated first), linking to its public address.',
  })
  @ApiOkResponse({ description: 'The Atom document.', schema: { type: 'string' } })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(TOO_MANY)
  async atom(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const xml = await this.publication.atomFeed();
    return sendCacheable(req, reply, xml, ATOM_CONTENT_TYPE, this.maxAge);
  }

  @Get('defenders/:slug')
  @ApiOperation({
    summary: 'A featured defender',
    description:
      'One featured profile by its public address. The same 404 whether the profile never existed or is no longer published.',
  })
  @ApiOkResponse({ type: PublicProfileResponse })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(TOO_MANY)
  @ApiProblems(400, 404)
  async profile(
    @Param() { slug }: PublicSlugParams,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const profile = await this.publication.publicProfile(slug);
    return sendCacheable(req, reply, JSON.stringify(profile), JSON_TYPE, this.maxAge);
  }

  @Get('defenders/:slug/photo')
  @ApiProduces(PUBLIC_PHOTO_CONTENT_TYPE)
  @ApiOperation({
    summary: "A featured defender's photo",
    description: `The photo chosen from the case's documents, as the profile's photo.url names it: a copy at most ${PUBLIC_PHOTO_MAX_SIDE} pixels on its longest side, encoded again as WebP with no metadata at all (no EXIF, GPS, XMP or ICC profile). Served only while the profile is featured, the photo consent is in force and the document is a live, non-confidential photo; otherwise, and for a \`v\` that is not the current token, the same 404. Strong ETag, the feed's Cache-Control, X-Content-Type-Options: nosniff.`,
  })
  @ApiOkResponse({
    description: 'The image.',
    content: { [PUBLIC_PHOTO_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(TOO_MANY)
  @ApiProblems(400, 404)
  async photo(
    @Param() { slug }: PublicSlugParams,
    @Query() { v }: PublicPhotoQueryDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const image = await this.photos.publicImage(slug, v);
    return sendImage(req, reply, image, `public, max-age=${this.maxAge}`);
  }
}
