import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  decidesAccess,
  DefendersService,
  type AuthenticatedActor,
  type DefenderListItem,
  type DefenderView,
} from '@witness/domain';
import { AppError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import {
  CreateDefenderDto,
  DefenderIdParams,
  DefenderListQueryDto,
  UpdateDefenderDto,
} from '../../defenders/defender.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { formErrors, formVersion, text, validateAs, type FormBody } from '../web-form';
import {
  BLANK_CONTACT_ROWS,
  changedFields,
  createInput,
  decodeDefenderSnapshot,
  DEFENDER_FIELDS,
  defenderFormFromBody,
  defenderFormFromView,
  emptyDefenderForm,
  encodeSnapshot,
  overlay,
  patchInput,
  splitContactErrors,
  type DefenderField,
  type DefenderForm,
} from './form';
import { EDITORS, firstString, LIST_FILTERS, PAGE_SIZE, STAFF, statusBadge, VOCAB } from './view';

/**
 * Defenders: the list and search, and the record's create and edit forms (with the conflict
 * page). The same services, actor and role policies as the API's DefendersController.
 */
@ApiExcludeController()
@Controller('app')
export class DefendersWebController {
  constructor(
    private readonly views: Views,
    private readonly defenders: DefendersService,
  ) {}

  /* ------------------------------------------------------------------ list */

  @Get('defenders')
  @Roles(...STAFF)
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: Record<string, unknown>,
  ) {
    const filters: Record<string, string> = {};
    for (const k of [...LIST_FILTERS, 'cursor', 'limit']) {
      const v = firstString(query[k]);
      if (v !== undefined && v.trim() !== '') filters[k] = v.trim();
    }
    let errors: FieldErrorMap | undefined;
    let rows: DefenderListItem[] = [];
    let nextCursor: string | null = null;
    try {
      const dto = await validateAs(DefenderListQueryDto, { ...filters });
      const page = await this.defenders.list({ ...dto, limit: dto.limit ?? PAGE_SIZE }, actor);
      rows = page.data;
      nextCursor = page.nextCursor;
    } catch (err) {
      errors = formErrors(err) ?? undefined;
      if (!errors) throw err;
    }
    const keep = new URLSearchParams();
    for (const k of [...LIST_FILTERS, 'limit'] as const) if (filters[k]) keep.set(k, filters[k]);
    const next = new URLSearchParams(keep);
    if (nextCursor) next.set('cursor', nextCursor);
    return this.views.send(
      req,
      reply,
      'defenders/list',
      {
        filters,
        errors,
        rows: rows.map((d) => ({ ...d, badge: statusBadge(d.status) })),
        filtered: LIST_FILTERS.some((k) => filters[k]),
        nextUrl: nextCursor ? `/app/defenders?${next.toString()}` : null,
        firstUrl: filters.cursor ? `/app/defenders${keep.size ? `?${keep.toString()}` : ''}` : null,
        vocab: VOCAB,
      },
      { title: 'defenders.list.title', section: 'defenders', status: errors ? 400 : 200 },
    );
  }

  /* ---------------------------------------------------------------- create */

  @Get('defenders/new')
  @Roles(...EDITORS)
  async newForm(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.renderForm(req, reply, { mode: 'create', form: emptyDefenderForm() });
  }

  @Post('defenders/new')
  @Roles(...EDITORS)
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const form = defenderFormFromBody(body ?? {});
    try {
      const input = await validateAs(CreateDefenderDto, createInput(form));
      const view = await this.defenders.create(input, actor);
      return reply.redirect(`/app/defenders/${view.id}?notice=created`, 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      return this.renderForm(req, reply, { mode: 'create', form, errors }, 400);
    }
  }

  /* --------------------------------------------------------------- profile */

  @Get('defenders/:id/edit')
  @Roles(...EDITORS)
  async editForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
  ) {
    const view = await this.defenders.get(id, actor);
    const form = defenderFormFromView(view);
    return this.renderForm(req, reply, {
      mode: 'edit',
      defender: view,
      form,
      version: view.version,
      base: encodeSnapshot(form),
    });
  }

  @Post('defenders/:id/edit')
  @Roles(...EDITORS)
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DefenderIdParams,
    @Body() body: FormBody,
  ) {
    body ??= {};
    const mine = defenderFormFromBody(body);
    // The version read when the form was opened, checked as the API checks If-Match.
    const version = formVersion(body);
    const rawBase = text(body, 'base');
    const base =
      decodeDefenderSnapshot(rawBase) ?? defenderFormFromView(await this.defenders.get(id, actor));
    // The edit form offers `access` only to deciders: a form without it keeps the case's
    // access (never the "standard" an empty field would mean). A forged one is sent on, and
    // the service refuses it (403) unless the actor decides access.
    if (text(body, 'access') === undefined) mine.access = base.access;
    const fields = changedFields(mine, base);
    try {
      const patch = await validateAs(UpdateDefenderDto, patchInput(mine, fields));
      await this.defenders.update(id, patch, version, actor);
      return reply.redirect(`/app/defenders/${id}?notice=saved`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'precondition_failed') {
        return this.renderConflict(req, reply, actor, id, mine, fields);
      }
      const errors = formErrors(err);
      if (!errors) throw err;
      const view = await this.defenders.get(id, actor);
      return this.renderForm(
        req,
        reply,
        {
          mode: 'edit',
          defender: view,
          form: mine,
          errors,
          version,
          base: rawBase ?? encodeSnapshot(base),
        },
        400,
      );
    }
  }

  /** Someone else saved first: their values beside mine, and my changes over the latest. */
  private async renderConflict(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    mine: DefenderForm,
    mineChanged: DefenderField[],
  ) {
    const current = await this.defenders.get(id, actor);
    const saved = defenderFormFromView(current);
    const lang = this.views.lang(req);
    const differs = changedFields(mine, saved);
    const comparison = DEFENDER_FIELDS.filter(
      (f) => differs.includes(f) || mineChanged.includes(f),
    ).map((f) => ({
      field: f,
      label: this.views.translator.t(lang, `defenders.fields.${f}`),
      mine: this.display(lang, mine, f),
      saved: this.display(lang, saved, f),
      changedByMe: mineChanged.includes(f),
    }));
    return this.renderForm(
      req,
      reply,
      {
        mode: 'edit',
        defender: current,
        form: overlay(saved, mine, mineChanged),
        version: current.version,
        base: encodeSnapshot(saved),
        conflict: { comparison },
      },
      412,
    );
  }

  /** A field's value as words, for the conflict comparison. */
  private display(lang: string, form: DefenderForm, f: DefenderField): string {
    const t = (key: string) => this.views.translator.t(lang, key);
    const none = t('defenders.none');
    switch (f) {
      case 'sex':
        return form.sex ? t(`vocab.sexes.${form.sex}`) : none;
      case 'riskLevel':
        return form.riskLevel ? t(`vocab.riskLevels.${form.riskLevel}`) : none;
      case 'access':
        return t(`vocab.accessLevels.${form.access}`);
      case 'hrdFocus':
        return form.hrdFocus.length
          ? form.hrdFocus.map((x) => t(`vocab.hrdFocuses.${x}`)).join(', ')
          : none;
      case 'contacts':
        return form.contacts.length
          ? form.contacts
              .map((c) =>
                [
                  `${c.name} (${c.relation ? t(`vocab.contactRelations.${c.relation}`) : '?'})`,
                  c.phone,
                  c.email,
                  c.notes,
                ]
                  .filter(Boolean)
                  .join(', '),
              )
              .join('; ')
          : none;
      case 'otherNames':
        return form.otherNames.split('\n').filter(Boolean).join(', ') || none;
      default:
        return (form[f] as string) || none;
    }
  }

  private async renderForm(
    req: WebRequest,
    reply: FastifyReply,
    data: {
      mode: 'create' | 'edit';
      form: DefenderForm;
      defender?: DefenderView;
      errors?: FieldErrorMap;
      version?: number | string;
      base?: string;
      conflict?: { comparison: unknown[] };
    },
    status = 200,
  ) {
    const split = splitContactErrors(data.errors ?? {});
    const contactRows = [
      ...data.form.contacts,
      ...Array.from({ length: BLANK_CONTACT_ROWS }, () => ({
        name: '',
        relation: '',
        phone: '',
        email: '',
        notes: '',
      })),
    ].map((row, i) => ({ ...row, index: i, number: i + 1, errors: split.rows[i] ?? {} }));
    const edit = data.mode === 'edit';
    // Anyone who may open a case chooses its access then (a caseworker may open it as
    // restricted); changing it later is for coordinators and admins (decidesAccess).
    const accessField = !edit || (req.actor !== undefined && decidesAccess(req.actor));
    return this.views.send(
      req,
      reply,
      'defenders/form',
      {
        ...data,
        edit,
        accessField,
        errors: data.errors ? split.errors : undefined,
        contactRows,
        action: edit ? `/app/defenders/${data.defender!.id}/edit` : '/app/defenders/new',
        vocab: VOCAB,
      },
      {
        title: edit ? 'defenders.form.editTitle' : 'defenders.form.createTitle',
        titleParams: { name: data.defender?.fullName },
        section: 'defenders',
        status,
      },
    );
  }
}
