import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ROLES, UsersService, type AuthenticatedActor, type UserView } from '@witness/domain';
import { AppError, AuditService, ValidationFailedError, type AuditView } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { AuditQueryDto } from '../audit/audit.controller';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { CreateUserDto, UpdateUserDto, UserIdParams } from '../users/user.dto';
import { Pickers, picking } from './picker';
import { Views, type FieldErrorMap, type WebRequest } from './views';
import { errorMap, formErrors, refill, text, validateAs, type FormBody } from './web-form';

const USERS = '/app/admin/users';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One changed field of an audit event, ready to show. */
interface ChangeLine {
  field: string;
  /** A `{from, to}` change (the usual shape). */
  fromTo: boolean;
  from?: string;
  to?: string;
  /** Anything else recorded under this key (e.g. `sessionsRevoked: 2`, `reason`). */
  value?: string;
}

/** A value from an audit event's changes as text; `empty` when there was none. */
function shown(v: unknown, empty: string): string {
  if (v === null || v === undefined || v === '') return empty;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The changes of an audit event (already redacted by the service) as lines to read. */
export function changeLines(
  changes: Record<string, unknown> | null,
  empty = '(none)',
): ChangeLine[] {
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes).map(([field, v]) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && ('from' in v || 'to' in v)) {
      const c = v as { from?: unknown; to?: unknown };
      return { field, fromTo: true, from: shown(c.from, empty), to: shown(c.to, empty) };
    }
    return { field, fromTo: false, value: shown(v, empty) };
  });
}

/** The day after a YYYY-MM-DD date (for an inclusive "to" over the API's exclusive one). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Query fields of the audit trail's filter form, in the form's order. */
const AUDIT_FILTERS = ['actorId', 'entityType', 'entityId', 'from', 'to'] as const;

/** Admin: users and the audit trail. Admins only, as the API's users and audit routes. */
@ApiExcludeController()
@Controller('app')
@Roles('admin')
export class AdminWebController {
  constructor(
    private readonly views: Views,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly pickers: Pickers,
  ) {}

  // ---- users ------------------------------------------------------------------------------

  @Get('admin/users')
  async list(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    const users = await this.users.list();
    return this.views.send(
      req,
      reply,
      'admin/users',
      { users },
      { title: 'admin.users.title', section: 'admin' },
    );
  }

  @Get('admin/users/new')
  async newUser(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    return this.renderNew(req, reply, { form: { timeZone: 'UTC', role: 'caseworker' } });
  }

  @Post('admin/users/new')
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormBody,
  ) {
    const plain = {
      name: text(body, 'name') ?? '',
      email: text(body, 'email') ?? '',
      role: text(body, 'role') ?? '',
      ...(text(body, 'timeZone') ? { timeZone: text(body, 'timeZone') } : {}),
      // A password is taken as typed: spaces are part of a passphrase.
      password: typeof body.password === 'string' ? body.password : '',
    };
    try {
      const input = await validateAs(CreateUserDto, plain);
      const user = await this.users.create(input, actor);
      return reply.redirect(`${USERS}/${user.id}?notice=created`, 303);
    } catch (err) {
      let errors: FieldErrorMap | null = formErrors(err);
      // The one conflict on this form is an email already in use: say so next to it.
      if (err instanceof AppError && err.code === 'conflict') errors = { email: err.message };
      if (!errors) throw err;
      // The password is never sent back to the browser.
      const { password: _password, ...form } = refill(body);
      return this.renderNew(req, reply, { form, errors }, 400);
    }
  }

  private renderNew(
    req: WebRequest,
    reply: FastifyReply,
    data: { form: FormBody; errors?: FieldErrorMap },
    status = 200,
  ) {
    return this.views.send(
      req,
      reply,
      'admin/user-new',
      { ...data, roles: ROLES },
      { title: 'admin.users.newTitle', section: 'admin', status },
    );
  }

  @Get('admin/users/:id')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: UserIdParams,
  ) {
    const user = await this.users.get(id);
    return this.renderUser(req, reply, actor, user, {});
  }

  @Post('admin/users/:id/details')
  async details(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: UserIdParams,
    @Body() body: FormBody,
  ) {
    try {
      const input = await validateAs(UpdateUserDto, {
        name: text(body, 'name') ?? '',
        timeZone: text(body, 'timeZone') ?? '',
      });
      await this.users.update(id, input, actor);
      return reply.redirect(`${USERS}/${id}?notice=saved`, 303);
    } catch (err) {
      const errors = formErrors(err);
      if (!errors) throw err;
      const user = await this.users.get(id);
      return this.renderUser(
        req,
        reply,
        actor,
        user,
        { detailsErrors: errors, details: refill(body) },
        400,
      );
    }
  }

  @Post('admin/users/:id/role')
  async role(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: UserIdParams,
    @Body() body: FormBody,
  ) {
    try {
      const input = await validateAs(UpdateUserDto, { role: text(body, 'role') ?? '' });
      await this.users.update(id, { role: input.role }, actor);
      return reply.redirect(`${USERS}/${id}?notice=admin.notices.roleChanged`, 303);
    } catch (err) {
      const refused = err instanceof AppError && err.code === 'forbidden';
      const errors = refused ? { role: (err as AppError).message } : formErrors(err);
      if (!errors) throw err;
      const user = await this.users.get(id);
      return this.renderUser(req, reply, actor, user, { roleErrors: errors }, refused ? 403 : 400);
    }
  }

  @Post('admin/users/:id/deactivate')
  async deactivate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: UserIdParams,
  ) {
    try {
      await this.users.deactivate(id, actor);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'forbidden')) throw err;
      const user = await this.users.get(id);
      return this.renderUser(req, reply, actor, user, { deactivateError: err.message }, 403);
    }
    return reply.redirect(`${USERS}/${id}?notice=admin.notices.deactivated`, 303);
  }

  @Post('admin/users/:id/reactivate')
  async reactivate(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: UserIdParams,
  ) {
    await this.users.reactivate(id, actor);
    return reply.redirect(`${USERS}/${id}?notice=admin.notices.reactivated`, 303);
  }

  @Post('admin/users/:id/reset-mfa')
  async resetMfa(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: UserIdParams,
  ) {
    await this.users.resetMfa(id, actor);
    return reply.redirect(`${USERS}/${id}?notice=admin.notices.mfaReset`, 303);
  }

  /**
   * When the user last signed in, from the audit trail (the service's own list: their
   * recent events on their own account), or undefined when none is recent.
   */
  private async lastSignIn(id: string): Promise<string | undefined> {
    const recent = await this.audit.list({
      entityType: 'user',
      entityId: id,
      actorId: id,
      limit: 50,
    });
    return recent.data.find(
      (e) => e.action === 'auth.login' || e.action === 'auth.login_recovery_code',
    )?.at;
  }

  private async renderUser(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    user: UserView,
    extra: Record<string, unknown>,
    status = 200,
  ) {
    return this.views.send(
      req,
      reply,
      'admin/user',
      {
        user,
        lastSignIn: await this.lastSignIn(user.id),
        self: user.id === actor.userId,
        roles: ROLES,
        details: { name: user.name, timeZone: user.timeZone },
        auditHref: `/app/admin/audit?${new URLSearchParams({ entityType: 'user', entityId: user.id }).toString()}`,
        ...extra,
      },
      { title: 'admin.user.title', titleParams: { name: user.name }, section: 'admin', status },
    );
  }

  // ---- audit trail ------------------------------------------------------------------------

  @Get('admin/audit')
  async auditTrail(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() raw: FormBody,
  ) {
    // The actor filter is a picker: its Remove button drops the filter.
    const query = picking(raw) ?? raw;
    const filters: Record<string, string> = {};
    for (const k of AUDIT_FILTERS) {
      const v = text(query, k);
      if (v !== undefined) filters[k] = v;
    }
    const cursor = text(query, 'cursor');
    // The page size, when a link asks for one (the API's `limit`), kept from page to page.
    const limit = text(query, 'limit');
    const keep: Record<string, string> = { ...filters, ...(limit ? { limit } : {}) };
    let page: { data: AuditView[]; nextCursor: string | null } = { data: [], nextCursor: null };
    let errors: FieldErrorMap | undefined;
    try {
      const filter = await validateAs(AuditQueryDto, { ...keep, ...(cursor ? { cursor } : {}) });
      // The form's "to" day is included; the API's `to` is the first instant not included.
      if (filter.to && /^\d{4}-\d{2}-\d{2}$/.test(filter.to)) filter.to = nextDay(filter.to);
      page = await this.audit.list(filter);
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      errors = errorMap(err.errors);
    }
    // Only the people this page names (never every account).
    const users = await this.users.byIds(
      page.data.flatMap((e) => [
        ...(e.actorId ? [e.actorId] : []),
        ...(e.entityType === 'user' && e.entityId && UUID.test(e.entityId) ? [e.entityId] : []),
      ]),
    );
    const names = new Map(users.map((u) => [u.id, u]));
    const lang = this.views.lang(req);
    const empty = this.views.translator.t(lang, 'admin.audit.empty');
    const events = page.data.map((e) => ({
      ...e,
      actor: e.actorId ? names.get(e.actorId) : undefined,
      entityUser: e.entityType === 'user' && e.entityId ? names.get(e.entityId) : undefined,
      entityHref:
        e.entityType === 'user' && e.entityId && names.has(e.entityId)
          ? `${USERS}/${e.entityId}`
          : e.entityType === 'defender' && e.entityId
            ? `/app/defenders/${e.entityId}`
            : undefined,
      actionLabel: this.views.translator.has(`admin.actions.${e.action}`)
        ? `admin.actions.${e.action}`
        : undefined,
      changeLines: changeLines(e.changes, empty),
    }));
    const nextHref = page.nextCursor
      ? `/app/admin/audit?${new URLSearchParams({ ...keep, cursor: page.nextCursor }).toString()}`
      : undefined;
    const firstHref = cursor
      ? `/app/admin/audit${Object.keys(keep).length ? `?${new URLSearchParams(keep).toString()}` : ''}`
      : undefined;
    return this.views.send(
      req,
      reply,
      'admin/audit',
      {
        filters,
        errors,
        actorPicker: await this.pickers.view(
          req,
          actor,
          { name: 'actorId', source: 'users', inactive: true },
          query,
        ),
        events,
        nextHref,
        firstHref,
        filtered: Object.keys(filters).length > 0,
      },
      { title: 'admin.audit.title', section: 'admin', status: errors ? 400 : 200 },
    );
  }
}
