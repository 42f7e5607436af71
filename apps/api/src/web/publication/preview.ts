import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DefendersService,
  DetentionService,
  PUBLIC_CHARGE_EVENT_TYPES,
  PublicationService,
  PublicPhotoService,
  type AuthenticatedActor,
  type PublicationView,
  type PublicProfile,
} from '@witness/domain';
import { NotFoundError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { DefenderIdParams } from '../../defenders/defender.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { sendImage } from '../../public/public-http';
import { PutPublicationDto } from '../../publication/publication.dto';
import { DECIDERS, isConflict, isVersionConflict, renameErrors, STAFF } from '../escalations/view';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import {
  defined,
  formErrors,
  formVersion,
  many,
  nullableText,
  refill,
  text,
  validateAs,
  type FormBody,
} from '../web-form';

/** A defender's publication: the public profile's preview, its photo, and the decision. */
@ApiExcludeController()
@Controller('app')
export class PublicationWebController {
  constructor(
    private readonly views: Views,
    private readonly publication: PublicationService,
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly photos: PublicPhotoService,
  ) {}

  @Get('defenders/:id/publication')
  @Roles(...STAFF)
  async publicationPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    return this.renderPublication(req, reply, actor, id);
  }

  /** The preview's photo: the copy the public feed serves (or would), for staff. */
  @Get('defenders/:id/publication/photo')
  @Roles(...STAFF)
  async publicationPhoto(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    const image = await this.photos.previewImage(id, actor);
    return sendImage(req, reply, image, 'private, no-store');
  }

  @Post('defenders/:id/publication')
  @Roles(...DECIDERS)
  async publish(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    const featured = text(body, 'featured');
    const photoUrl = text(body, 'photoUrl');
    const photoAlt = text(body, 'photoAlt');
    // One photo: a document chosen in the list, or an address; the description goes with it.
    const photoDocumentId =
      'photoDocumentId' in body ? (text(body, 'photoDocumentId') ?? null) : undefined;
    const version = formVersion(body, { optional: true });
    try {
      const input = await validateAs(
        PutPublicationDto,
        defined({
          featured: featured === 'true' ? true : featured === 'false' ? false : featured,
          displayName: text(body, 'displayName'),
          publicSummary: text(body, 'publicSummary'),
          publicStory: nullableText(body, 'publicStory'),
          photo:
            'photoUrl' in body
              ? photoUrl || (photoAlt && !photoDocumentId)
                ? defined({ url: photoUrl ?? '', alt: photoAlt ?? '' })
                : photoDocumentId
                  ? undefined
                  : null
              : undefined,
          photoDocumentId,
          photoAlt: photoDocumentId ? (photoAlt ?? null) : undefined,
          publicChargeEventIds:
            'chargesShown' in body ? many(body, 'publicChargeEventIds') : undefined,
        }),
      );
      // With the version read: change it; without: create it, never overwrite.
      const pre = typeof version === 'number' ? { ifMatch: version } : { ifNoneMatchAny: true };
      const { view } = await this.publication.put(id, input, pre, actor);
      const notice = view.featured ? (view.live ? 'featured' : 'featuredNotLive') : 'notFeatured';
      return reply.redirect(
        `/app/defenders/${id}/publication?notice=publication.notices.${notice}`,
        303,
      );
    } catch (err) {
      if (isVersionConflict(err)) {
        return this.renderPublication(
          req,
          reply,
          actor,
          id,
          { values: refill(body), conflict: err.message },
          412,
        );
      }
      // Featuring refused (no consent, a restricted or archived case): said plainly.
      if (isConflict(err)) {
        return this.renderPublication(
          req,
          reply,
          actor,
          id,
          { values: refill(body), refusal: err.message },
          409,
        );
      }
      const fields = formErrors(err);
      if (!fields) throw err;
      const errors = renameErrors(fields, {
        'photo.url': 'photoUrl',
        'photo.alt': 'photoAlt',
        photo: 'photoUrl',
      });
      return this.renderPublication(req, reply, actor, id, { values: refill(body), errors }, 400);
    }
  }

  private async renderPublication(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: { values?: FormBody; errors?: FieldErrorMap; refusal?: string; conflict?: string } = {},
    status = 200,
  ) {
    const defender = await this.defenders.get(id, actor, { archived: true });
    let pub: PublicationView | null = null;
    let preview: PublicProfile | null = null;
    try {
      pub = await this.publication.get(id, actor);
      preview = await this.publication.preview(id, actor);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const decider = (DECIDERS as readonly string[]).includes(actor.role);
    const events = decider ? await this.detention.list(id, actor) : [];
    const photoChoices =
      decider && !defender.archivedAt ? await this.publication.photoChoices(id, actor) : [];
    const chosenPhoto = state.values
      ? (text(state.values, 'photoDocumentId') ?? '')
      : (pub?.photoDocumentId ?? '');
    const cleared = new Set(
      state.values ? many(state.values, 'publicChargeEventIds') : (pub?.publicChargeEventIds ?? []),
    );
    const values: FormBody = state.values ?? {
      displayName: pub?.displayName ?? defender.fullName,
      publicSummary: pub?.publicSummary ?? '',
      publicStory: pub?.publicStory ?? '',
      photoUrl: pub?.photo?.url ?? '',
      photoAlt: pub?.photoAlt ?? pub?.photo?.alt ?? '',
    };
    const consents = defender.consents;
    return this.views.send(
      req,
      reply,
      'publication/preview',
      {
        defender: { id: defender.id, fullName: defender.fullName, access: defender.access },
        pub,
        preview,
        previewImage: previewImage(id, preview),
        photoChoices: photoChoices.map((c) => ({ ...c, selected: c.documentId === chosenPhoto })),
        consents: consents
          ? (['public_profile', 'photo'] as const).map((purpose) => ({
              purpose,
              ...consents[purpose],
            }))
          : [],
        decider,
        values,
        errors: state.errors,
        refusal: state.refusal,
        conflict: state.conflict,
        charges: events
          .filter((ev) => (PUBLIC_CHARGE_EVENT_TYPES as readonly string[]).includes(ev.type))
          .map((ev) => ({
            id: ev.id,
            type: ev.type,
            occurredOn: ev.occurredOn,
            charges: ev.charges,
            legalBasis: ev.legalBasis,
            checked: cleared.has(ev.id),
          })),
      },
      {
        title: 'publication.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
        status,
      },
    );
  }
}

/**
 * The preview's photo from the documents, as the staff route serves it (the public copy's
 * token busts the browser's cache when the photo changes), shown at most 240 pixels wide.
 */
function previewImage(
  defenderId: string,
  preview: PublicProfile | null,
): { src: string; width: number; height: number } | null {
  const photo = preview?.photo;
  if (!photo?.width || !photo.height) return null;
  const token = /[?&]v=([A-Za-z0-9_-]+)/.exec(photo.url)?.[1] ?? '';
  const scale = Math.min(1, 240 / photo.width);
  return {
    src: `/app/defenders/${defenderId}/publication/photo?v=${token}`,
    width: Math.round(photo.width * scale),
    height: Math.max(1, Math.round(photo.height * scale)),
  };
}
