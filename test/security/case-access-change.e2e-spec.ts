import { webSession, type WebApp } from '../support/browser';
import { startApi, type TestApi, type TestResponse } from '../support/api';
import { createUser, type TestUser } from '../support/users';

/**
 * Issue 19, finding 1: who may know of a case and what the public sees are decisions of
 * coordinators and admins. A caseworker (assigned or not) or a viewer who sends a case's
 * `access`, its assignees, a publication or a solidarity action's `isPublic` is refused with
 * a 403 problem naming the field, nothing is written, and the refused attempt is audited;
 * through every door: the JSON API, the web app's forms (also forged posts), the CSV import.
 * A caseworker may still OPEN a case as restricted (it protects someone; they are assigned).
 */

const D = '/api/v1/defenders';
const PROBLEM = /^application\/problem\+json/;

describe('security: changing a case’s access, assignees or publication is a decider’s call', () => {
  let api: TestApi;
  let coordinator: TestUser;
  let admin: TestUser;
  let caseworker: TestUser;
  let outsider: TestUser;
  let viewer: TestUser;

  const mkCase = async (
    body: Record<string, unknown>,
  ): Promise<{ id: string; version: number }> => {
    const res = await coordinator.request({ method: 'POST', url: D, body });
    expect(res.status).toBe(201);
    return { id: res.body.id, version: res.body.version };
  };

  const assign = async (id: string, user: TestUser) => {
    const res = await coordinator.request({
      method: 'POST',
      url: `${D}/${id}/assignees`,
      body: { userId: user.id },
    });
    expect(res.status).toBe(201);
  };

  const row = async (id: string) =>
    (
      await api.db.query(
        `SELECT access, summary, version, (SELECT array_agg(user_id::text ORDER BY user_id)
                 FROM defender_assignees WHERE defender_id = d.id) AS assignees
           FROM defenders d WHERE id = $1`,
        [id],
      )
    )[0] as { access: string; summary: string | null; version: number; assignees: string[] };

  const denials = async (actorId: string, entityId: string) =>
    (await api.db.query(
      `SELECT action, entity_type, entity_id, subject_id, changes FROM audit_events
        WHERE action = 'access.denied' AND actor_id = $1 AND entity_id = $2 ORDER BY id`,
      [actorId, entityId],
    )) as {
      action: string;
      entity_type: string;
      entity_id: string;
      subject_id: string | null;
      changes: Record<string, unknown>;
    }[];

  const patch = (user: TestUser, id: string, version: number, body: Record<string, unknown>) =>
    user.request({
      method: 'PATCH',
      url: `${D}/${id}`,
      headers: { 'if-match': `"${version}"` },
      body,
    });

  const postAction = (user: TestUser, defenderId: string, title: string, isPublic: boolean) =>
    user.request({
      method: 'POST',
      url: '/api/v1/solidarity-actions',
      body: {
        defenderIds: [defenderId],
        type: 'letter_writing',
        title,
        startsOn: '2026-06-20',
        isPublic,
      },
    });

  const patchAction = (
    user: TestUser,
    id: string,
    version: number,
    body: Record<string, unknown>,
  ) =>
    user.request({
      method: 'PATCH',
      url: `/api/v1/solidarity-actions/${id}`,
      headers: { 'if-match': `"${version}"` },
      body,
    });

  const expectRefused = (res: TestResponse, field: string) => {
    expect(res.status).toBe(403);
    expect(String(res.headers['content-type'])).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 403, title: 'Not allowed' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(res.body.detail).toContain(field);
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    [coordinator, admin, caseworker, outsider, viewer] = await Promise.all([
      createUser(api, 'coordinator', 'Cora Coordinator'),
      createUser(api, 'admin', 'Ada Admin'),
      createUser(api, 'caseworker', 'Casey Assigned'),
      createUser(api, 'caseworker', 'Otto Outsider'),
      createUser(api, 'viewer', 'Vera Viewer'),
    ]);
  });
  afterAll(() => api.close());

  describe('JSON API: PATCH /defenders/:id', () => {
    it('refuses an assigned caseworker who declassifies a restricted case: 403 naming access, nothing written, audited', async () => {
      const r = await mkCase({
        fullName: 'Rania Restricted-Probe',
        country: 'EG',
        access: 'restricted',
      });
      await assign(r.id, caseworker);
      const before = await row(r.id);
      const res = await patch(caseworker, r.id, r.version, {
        access: 'standard',
        summary: 'written along with the refused change',
      });
      expectRefused(res, 'access');
      expect(await row(r.id)).toEqual(before);
      // Colleagues who are not assigned still do not know of it.
      expect((await outsider.request({ method: 'GET', url: `${D}/${r.id}` })).status).toBe(404);
      expect((await viewer.request({ method: 'GET', url: `${D}/${r.id}` })).status).toBe(404);
      const [denial] = await denials(caseworker.id, r.id);
      expect(denial).toMatchObject({
        entity_type: 'defender',
        subject_id: r.id,
        changes: { fields: ['access'], attempted: { access: 'standard' } },
      });
      expect(JSON.stringify(denial.changes)).not.toContain('written along');
    });

    it('refuses a caseworker who hides a standard case from colleagues (restricted)', async () => {
      const s = await mkCase({ fullName: 'Sami Standard-Probe', country: 'EG' });
      const before = await row(s.id);
      const res = await patch(caseworker, s.id, s.version, { access: 'restricted' });
      expectRefused(res, 'access');
      expect(await row(s.id)).toEqual(before);
      expect((await outsider.request({ method: 'GET', url: `${D}/${s.id}` })).status).toBe(200);
      expect(await denials(caseworker.id, s.id)).toHaveLength(1);
    });

    it('refuses even a value equal to the current one: access is not a caseworker’s field', async () => {
      const r = await mkCase({ fullName: 'Same Value Probe', country: 'EG', access: 'restricted' });
      await assign(r.id, caseworker);
      expectRefused(await patch(caseworker, r.id, r.version, { access: 'restricted' }), 'access');
      expect((await row(r.id)).version).toBe(r.version);
    });

    it('answers a caseworker who may not see the case 404 (no existence oracle), and a viewer 403', async () => {
      const r = await mkCase({ fullName: 'Unseen Probe', country: 'EG', access: 'restricted' });
      const before = await row(r.id);
      const res = await patch(outsider, r.id, r.version, { access: 'standard' });
      expect(res.status).toBe(404);
      expect((await patch(viewer, r.id, r.version, { access: 'standard' })).status).toBe(403);
      expect(await row(r.id)).toEqual(before);
    });

    it('still lets the caseworker edit everything else, and coordinators and admins change access', async () => {
      const r = await mkCase({ fullName: 'Decided Probe', country: 'EG', access: 'restricted' });
      await assign(r.id, caseworker);
      const edit = await patch(caseworker, r.id, r.version, { summary: 'Moved to Tora prison.' });
      expect(edit.status).toBe(200);
      expect(edit.body).toMatchObject({ access: 'restricted', summary: 'Moved to Tora prison.' });
      const byCoordinator = await patch(coordinator, r.id, edit.body.version, {
        access: 'standard',
      });
      expect(byCoordinator.status).toBe(200);
      expect(byCoordinator.body.access).toBe('standard');
      const byAdmin = await patch(admin, r.id, byCoordinator.body.version, {
        access: 'restricted',
      });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.access).toBe('restricted');
    });
  });

  describe('JSON API: opening a case', () => {
    it('lets a caseworker open a case as restricted (protecting someone): they are assigned and keep access', async () => {
      const res = await caseworker.request({
        method: 'POST',
        url: D,
        body: { fullName: 'Opened Restricted Probe', country: 'EG', access: 'restricted' },
      });
      expect(res.status).toBe(201);
      expect(res.body.access).toBe('restricted');
      expect((await row(res.body.id)).assignees).toEqual([caseworker.id]);
      expect((await caseworker.request({ method: 'GET', url: `${D}/${res.body.id}` })).status).toBe(
        200,
      );
      expect((await outsider.request({ method: 'GET', url: `${D}/${res.body.id}` })).status).toBe(
        404,
      );
      // ... but once open, it is no longer theirs to declassify.
      expectRefused(
        await patch(caseworker, res.body.id, res.body.version, { access: 'standard' }),
        'access',
      );
    });
  });

  describe('assignees, publication, public solidarity actions, CSV import', () => {
    it('refuses a caseworker who assigns or unassigns (403, nothing written, audited)', async () => {
      const r = await mkCase({ fullName: 'Assign Probe', country: 'EG', access: 'restricted' });
      await assign(r.id, caseworker);
      const before = await row(r.id);
      const add = await caseworker.request({
        method: 'POST',
        url: `${D}/${r.id}/assignees`,
        body: { userId: outsider.id },
      });
      expect(add.status).toBe(403);
      expect(String(add.headers['content-type'])).toMatch(PROBLEM);
      const remove = await caseworker.request({
        method: 'DELETE',
        url: `${D}/${r.id}/assignees/${caseworker.id}`,
      });
      expect(remove.status).toBe(403);
      expect(await row(r.id)).toEqual(before);
      const routeDenials = await api.db.query(
        `SELECT entity_id FROM audit_events WHERE action = 'access.denied' AND actor_id = $1
            AND entity_type = 'route' ORDER BY id`,
        [caseworker.id],
      );
      expect(routeDenials.map((d: { entity_id: string }) => d.entity_id)).toEqual(
        expect.arrayContaining([
          'POST /api/v1/defenders/:id/assignees',
          'DELETE /api/v1/defenders/:id/assignees/:userId',
        ]),
      );
    });

    it('refuses a caseworker who features a profile (403, nothing written, audited)', async () => {
      const s = await mkCase({ fullName: 'Feature Probe', country: 'EG' });
      const res = await caseworker.request({
        method: 'PUT',
        url: `${D}/${s.id}/publication`,
        body: { featured: true, publicSummary: 'Featured by a caseworker' },
      });
      expect(res.status).toBe(403);
      const pubs = await api.db.query(`SELECT 1 FROM publications WHERE defender_id = $1`, [s.id]);
      expect(pubs).toHaveLength(0);
      const denied = await api.db.query(
        `SELECT 1 FROM audit_events WHERE action = 'access.denied' AND actor_id = $1
            AND entity_id = 'PUT /api/v1/defenders/:id/publication'`,
        [caseworker.id],
      );
      expect(denied.length).toBeGreaterThan(0);
    });

    it('refuses a caseworker who makes a solidarity action public (create or edit); coordinators may', async () => {
      const s = await mkCase({ fullName: 'Public Action Probe', country: 'EG' });
      const count = async () =>
        (await api.db.query(`SELECT count(*)::int AS n FROM solidarity_actions`))[0].n as number;
      const before = await count();
      const create = await postAction(
        caseworker,
        s.id,
        'Letters made public by a caseworker',
        true,
      );
      expectRefused(create, 'isPublic');
      expect(await count()).toBe(before);
      const denied = await api.db.query(
        `SELECT changes FROM audit_events WHERE action = 'access.denied' AND actor_id = $1
            AND entity_type = 'solidarity_action'`,
        [caseworker.id],
      );
      expect(denied).toHaveLength(1);
      expect(denied[0].changes).toMatchObject({ fields: ['isPublic'] });

      // Private (the default) is the caseworker's to create.
      const priv = await postAction(caseworker, s.id, 'Private letters', false);
      expect(priv.status).toBe(201);
      const edit = await patchAction(caseworker, priv.body.id, priv.body.version, {
        isPublic: true,
        title: 'Renamed with the refused change',
      });
      expectRefused(edit, 'isPublic');
      const [a] = await api.db.query(
        `SELECT is_public, title, version FROM solidarity_actions WHERE id = $1`,
        [priv.body.id],
      );
      expect(a).toEqual({ is_public: false, title: 'Private letters', version: priv.body.version });
      const byCoordinator = await patchAction(coordinator, priv.body.id, priv.body.version, {
        isPublic: true,
      });
      expect(byCoordinator.status).toBe(200);
      expect(byCoordinator.body.isPublic).toBe(true);
      // Making it private again is as much a publication decision.
      const unpublish = await patchAction(caseworker, priv.body.id, byCoordinator.body.version, {
        isPublic: false,
      });
      expectRefused(unpublish, 'isPublic');
    });

    it('keeps the CSV import (which sets access) to coordinators and admins', async () => {
      const csv = 'fullName,country,access\nImported By Caseworker,EG,standard\n';
      const res = await caseworker.request({
        method: 'POST',
        url: '/api/v1/imports/defenders',
        rawBody: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(403);
      const found = await api.db.query(`SELECT 1 FROM defenders WHERE full_name = $1`, [
        'Imported By Caseworker',
      ]);
      expect(found).toHaveLength(0);
    });
  });

  describe('web app', () => {
    let cw: { cookie: string; csrf: string };
    let co: { cookie: string; csrf: string };

    const form = (
      url: string,
      session: { cookie: string; csrf: string },
      fields: [string, string][],
    ) =>
      api.app.inject({
        method: 'POST',
        url,
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', session.csrf], ...fields]).toString(),
      });
    const page = (url: string, session: { cookie: string }) =>
      api.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

    /** The hidden fields (version, base snapshot) and the values of the edit form. */
    const editFields = (html: string): [string, string][] => {
      const out: [string, string][] = [];
      for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
        if (m[1] !== '_csrf') out.push([m[1], decode(m[2])]);
      }
      for (const m of html.matchAll(/<input[^>]*name="(fullName|country)"[^>]*value="([^"]*)"/g))
        out.push([m[1], decode(m[2])]);
      // The country is chosen from a list of names: the selected option carries the code.
      const country =
        /<select[^>]*name="country"[^>]*>[\s\S]*?<option value="([^"]*)"[^>]*selected/.exec(html);
      if (country) out.push(['country', country[1]]);
      return out;
    };
    const decode = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#x3D;/g, '=')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, '&');

    beforeAll(async () => {
      const web = api as WebApp;
      [cw, co] = await Promise.all([webSession(web, caseworker), webSession(web, coordinator)]);
    });

    it('offers the access field to a caseworker when opening a case, never when editing one; deciders always', async () => {
      const r = await mkCase({ fullName: 'Web Form Probe', country: 'EG', access: 'restricted' });
      await assign(r.id, caseworker);
      const cwEdit = await page(`/app/defenders/${r.id}/edit`, cw);
      expect(cwEdit.statusCode).toBe(200);
      expect(cwEdit.body).not.toMatch(/name="access"/);
      const cwNew = await page('/app/defenders/new', cw);
      expect(cwNew.body).toMatch(/<select[^>]*name="access"/);
      const coEdit = await page(`/app/defenders/${r.id}/edit`, co);
      expect(coEdit.body).toMatch(/<select[^>]*name="access"/);
    });

    it('keeps a restricted case restricted when a caseworker saves the edit form, and refuses a forged access field', async () => {
      const r = await mkCase({ fullName: 'Web Edit Probe', country: 'EG', access: 'restricted' });
      await assign(r.id, caseworker);
      const edit = await page(`/app/defenders/${r.id}/edit`, cw);
      const fields = editFields(edit.body);
      const saved = await form(`/app/defenders/${r.id}/edit`, cw, [
        ...fields,
        ['summary', 'Summary typed in the web form'],
      ]);
      expect(saved.statusCode).toBe(303);
      expect(await row(r.id)).toMatchObject({
        access: 'restricted',
        summary: 'Summary typed in the web form',
      });

      const again = editFields((await page(`/app/defenders/${r.id}/edit`, cw)).body);
      const before = await row(r.id);
      const forged = await form(`/app/defenders/${r.id}/edit`, cw, [
        ...again,
        ['access', 'standard'],
        ['summary', 'Forged along with access'],
      ]);
      expect(forged.statusCode).toBe(403);
      expect(String(forged.headers['content-type'])).toMatch(/^text\/html/);
      expect(forged.body).toContain('Not allowed');
      expect(await row(r.id)).toEqual(before);
      expect((await denials(caseworker.id, r.id)).length).toBeGreaterThan(0);

      // A coordinator changes it in the same form.
      const coFields = editFields((await page(`/app/defenders/${r.id}/edit`, co)).body).filter(
        ([k]) => k !== 'access',
      );
      const decided = await form(`/app/defenders/${r.id}/edit`, co, [
        ...coFields,
        ['access', 'standard'],
      ]);
      expect(decided.statusCode).toBe(303);
      expect((await row(r.id)).access).toBe('standard');
    });

    it('offers the public mark of a solidarity action only to deciders, refuses a forged one and keeps it on a caseworker’s edit', async () => {
      const s = await mkCase({ fullName: 'Web Action Probe', country: 'EG' });
      const made = await postAction(coordinator, s.id, 'Public letters', true);
      expect(made.status).toBe(201);
      const cwForm = await page(`/app/solidarity/${made.body.id}/edit`, cw);
      expect(cwForm.statusCode).toBe(200);
      expect(cwForm.body).not.toMatch(/name="isPublic"/);
      expect((await page('/app/solidarity/new', cw)).body).not.toMatch(/name="isPublic"/);
      expect((await page(`/app/solidarity/${made.body.id}/edit`, co)).body).toMatch(
        /name="isPublic"/,
      );

      const base: [string, string][] = [
        ['version', String(made.body.version)],
        ['type', 'letter_writing'],
        ['title', 'Public letters, renamed'],
        ['startsOn', '2026-06-20'],
        ['status', 'planned'],
        ['defenderIds', s.id],
      ];
      const saved = await form(`/app/solidarity/${made.body.id}/edit`, cw, base);
      expect(saved.statusCode).toBe(303);
      const [after] = await api.db.query(
        `SELECT is_public, title, version FROM solidarity_actions WHERE id = $1`,
        [made.body.id],
      );
      expect(after).toMatchObject({ is_public: true, title: 'Public letters, renamed' });

      const forgedNew = await form('/app/solidarity/new', cw, [
        ['type', 'petition'],
        ['title', 'Forged public petition'],
        ['startsOn', '2026-06-21'],
        ['status', 'planned'],
        ['defenderIds', s.id],
        ['isPublic', '1'],
      ]);
      expect(forgedNew.statusCode).toBe(403);
      const forged = await api.db.query(`SELECT 1 FROM solidarity_actions WHERE title = $1`, [
        'Forged public petition',
      ]);
      expect(forged).toHaveLength(0);
    });
  });
});
