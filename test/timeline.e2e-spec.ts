import { startApi, type TestApi, type TestResponse } from './support/api';

const D = '/api/v1/defenders';
const NOW = '2026-06-15T10:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const MISSING_UUID = '3f2b8c1e-0000-4000-8000-000000000000';

/** A 4xx answered as RFC 9457 problem details, naming `field` when given. */
function expectProblem(res: TestResponse, status: number, field?: string): void {
  const summary = `${res.status} ${res.text.slice(0, 500)}`;
  expect({ status: res.status, summary }).toEqual({ status, summary });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    requestId: res.headers['x-request-id'],
  });
  if (field !== undefined) {
    const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    expect(fields).toContain(field);
  }
}

describe('detention timeline: /api/v1/defenders/:id/events', () => {
  let api: TestApi;
  /** Every HTTP call of this file (swap in a signed-in user's `request` once auth lands). */
  let request: TestApi['request'];

  beforeAll(async () => {
    api = await startApi({ now: NOW, as: 'coordinator' });
    request = api.request;
  });
  afterAll(() => api.close());
  beforeEach(() => api.clock.set(NOW));

  const createDefender = async (fullName = 'Timeline Defender'): Promise<string> => {
    const res = await request({ method: 'POST', url: D, body: { fullName, country: 'BY' } });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  const addEvent = async (id: string, body: Record<string, unknown>) => {
    const res = await request({ method: 'POST', url: `${D}/${id}/events`, body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res;
  };

  const defender = async (id: string) => {
    const res = await request({ method: 'GET', url: `${D}/${id}` });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** The derived fields only. */
  const derived = async (id: string) => {
    const d = await defender(id);
    return {
      status: d.status,
      detainedSince: d.detainedSince,
      daysDetained: d.daysDetained,
      totalDaysDetained: d.totalDaysDetained,
    };
  };

  const countEvents = async (): Promise<number> =>
    (await api.db.query(`SELECT count(*)::int AS n FROM detention_events`))[0].n;

  const eventRow = async (eventId: string) =>
    (
      await api.db.query(
        `SELECT type, occurred_on::text AS occurred_on, description, verification, charges,
                version, updated_at
           FROM detention_events WHERE id = $1`,
        [eventId],
      )
    )[0];

  const defenderRow = async (id: string) =>
    (
      await api.db.query(
        `SELECT status, detained_since::text AS detained_since, closed_detention_days,
                last_event_at, version
           FROM defenders WHERE id = $1`,
        [id],
      )
    )[0];

  const patchEvent = (id: string, eventId: string, body: unknown, ifMatch?: string) =>
    request({
      method: 'PATCH',
      url: `${D}/${id}/events/${eventId}`,
      body,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });

  it('a new record has status unknown and no days in detention', async () => {
    const id = await createDefender();
    expect(await derived(id)).toEqual({
      status: 'unknown',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 0,
    });
    const events = await request({ method: 'GET', url: `${D}/${id}/events` });
    expect(events.status).toBe(200);
    expect(events.body).toEqual([]);
  });

  it('an arrest makes the defender detained, and days in detention grow with the clock', async () => {
    const id = await createDefender();
    const res = await addEvent(id, {
      type: 'arrest',
      occurredOn: '2026-06-01',
      description: 'Arrested at home at dawn by state security.',
      place: 'Minsk',
      authority: 'KGB',
      legalBasis: 'Criminal Code art. 342',
      charges: [' organising protests ', 'organising protests', 'defamation'],
      source: 'Family statement',
      verification: 'corroborated',
    });
    const e = res.body;
    expect(e).toMatchObject({
      defenderId: id,
      type: 'arrest',
      occurredOn: '2026-06-01',
      description: 'Arrested at home at dawn by state security.',
      place: 'Minsk',
      authority: 'KGB',
      legalBasis: 'Criminal Code art. 342',
      charges: ['organising protests', 'defamation'],
      sentence: null,
      source: 'Family statement',
      verification: 'corroborated',
      scheduled: false,
      version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`${D}/${id}/events/${e.id}`);

    const d = await defender(id);
    expect(d).toMatchObject({
      status: 'detained',
      detainedSince: '2026-06-01',
      daysDetained: 14,
      totalDaysDetained: 14,
      lastEventAt: '2026-06-15T10:00:00.000Z',
    });
    // The timeline does not move the record's version (an editing precondition).
    expect(d.version).toBe(1);

    api.clock.advance(10 * DAY);
    expect(await derived(id)).toEqual({
      status: 'detained',
      detainedSince: '2026-06-01',
      daysDetained: 24,
      totalDaysDetained: 24,
    });
    // Lists derive the same numbers.
    const list = await request({ method: 'GET', url: `${D}?country=BY&limit=200` });
    const item = list.body.data.find((x: { id: string }) => x.id === id);
    // The list shows the open episode's days; the total over every episode is on the detail (above).
    expect(item).toMatchObject({ daysDetained: 24 });

    api.clock.set('2027-06-01T00:00:00Z');
    expect((await derived(id)).daysDetained).toBe(365);

    const one = await request({ method: 'GET', url: `${D}/${id}/events/${e.id}` });
    expect(one.status).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    expect(one.body).toEqual({ ...e });
  });

  it('the record stays editable with its ETag after timeline changes', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' });
    await addEvent(id, { type: 'charge', occurredOn: '2026-06-02' });
    const res = await request({
      method: 'PATCH',
      url: `${D}/${id}`,
      body: { summary: 'Charged with organising protests.' },
      headers: { 'if-match': '"1"' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, status: 'detained', daysDetained: 14 });
  });

  it('release closes the episode; rearrest opens a new one; totals add up', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'arrest', occurredOn: '2026-01-10' });
    await addEvent(id, { type: 'release', occurredOn: '2026-03-01' });
    expect(await derived(id)).toEqual({
      status: 'released',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 50,
    });
    // Released: the clock moving changes nothing.
    api.clock.advance(30 * DAY);
    expect((await derived(id)).totalDaysDetained).toBe(50);
    api.clock.set(NOW);

    await addEvent(id, { type: 'rearrest', occurredOn: '2026-05-01' });
    expect(await derived(id)).toEqual({
      status: 'detained',
      detainedSince: '2026-05-01',
      daysDetained: 45,
      totalDaysDetained: 95,
    });
    expect(await defenderRow(id)).toMatchObject({
      status: 'detained',
      detained_since: '2026-05-01',
      closed_detention_days: 50,
    });

    await addEvent(id, { type: 'conditional_release', occurredOn: '2026-06-10' });
    expect(await derived(id)).toEqual({
      status: 'conditionally_released',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 90,
    });
  });

  it('release and rearrest on the same day: detained again, from that day', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'arrest', occurredOn: '2026-05-01' });
    await addEvent(id, { type: 'rearrest', occurredOn: '2026-06-05' });
    await addEvent(id, { type: 'release', occurredOn: '2026-06-05' });
    expect(await derived(id)).toEqual({
      status: 'detained',
      detainedSince: '2026-06-05',
      daysDetained: 10,
      totalDaysDetained: 35 + 10,
    });
  });

  it('house arrest is a deprivation of liberty: its own status, the same episode, days counted', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'arrest', occurredOn: '2026-05-01' });
    await addEvent(id, { type: 'house_arrest', occurredOn: '2026-06-01', place: 'Family home' });
    expect(await derived(id)).toEqual({
      status: 'house_arrest',
      detainedSince: '2026-05-01',
      daysDetained: 45,
      totalDaysDetained: 45,
    });
    // Lists say so too, and the status filter finds it.
    const list = await request({ method: 'GET', url: `${D}?status=house_arrest&limit=200` });
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(id);
    // Conditional release stays distinct: it ends the deprivation of liberty.
    await addEvent(id, { type: 'conditional_release', occurredOn: '2026-06-10' });
    expect(await derived(id)).toMatchObject({
      status: 'conditionally_released',
      daysDetained: null,
      totalDaysDetained: 40,
    });
  });

  it('keeps the questionnaire facts of an event, and refuses them on events they do not fit', async () => {
    const id = await createDefender();
    const arrest = await addEvent(id, {
      type: 'arrest',
      occurredOn: '2026-05-01',
      place: 'Her office',
      forces: 'Plain-clothes officers of the KGB',
      warrantShown: false,
      takenTo: 'Okrestina detention centre',
    });
    expect(arrest.body).toMatchObject({
      forces: 'Plain-clothes officers of the KGB',
      warrantShown: false,
      takenTo: 'Okrestina detention centre',
      endedOn: null,
      outcome: null,
      outcomeOn: null,
    });
    const extension = await addEvent(id, {
      type: 'pretrial_extension',
      occurredOn: '2026-06-01',
      authority: 'Minsk City Court',
      endedOn: '2026-09-01',
    });
    expect(extension.body.endedOn).toBe('2026-09-01');
    const appeal = await addEvent(id, {
      type: 'appeal',
      occurredOn: '2026-05-10',
      outcome: 'Rejected',
      outcomeOn: '2026-05-20',
    });
    expect(appeal.body).toMatchObject({ outcome: 'Rejected', outcomeOn: '2026-05-20' });

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await request({ method: 'POST', url: `${D}/${id}/events`, body });
      expectProblem(res, 400, field);
    };
    const before = await countEvents();
    await bad({ type: 'hearing', occurredOn: '2026-05-02', warrantShown: true }, 'warrantShown');
    await bad({ type: 'arrest', occurredOn: '2026-05-02', warrantShown: 'yes' }, 'warrantShown');
    await bad({ type: 'transfer', occurredOn: '2026-05-02', outcome: 'x' }, 'outcome');
    await bad({ type: 'arrest', occurredOn: '2026-05-02', endedOn: '2026-05-03' }, 'endedOn');
    await bad(
      { type: 'incommunicado', occurredOn: '2026-05-02', endedOn: '2026-05-01' },
      'endedOn',
    );
    await bad(
      { type: 'incommunicado', occurredOn: '2026-05-02', endedOn: '2026-07-01' },
      'endedOn',
    );
    await bad({ type: 'appeal', occurredOn: '2026-05-02', outcomeOn: '2026-05-01' }, 'outcomeOn');
    await bad({ type: 'appeal', occurredOn: '2026-05-02', outcomeOn: '2026-08-01' }, 'outcomeOn');
    expect(await countEvents()).toBe(before);
    // A correction that changes the type must keep the fields it carries fitting.
    const patched = await patchEvent(id, appeal.body.id, { type: 'transfer' }, '"1"');
    expectProblem(patched, 400, 'outcome');
  });

  it('arrest and release on the same day: released, 0 days', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'release', occurredOn: '2026-06-03' });
    await addEvent(id, { type: 'arrest', occurredOn: '2026-06-03' });
    expect(await derived(id)).toEqual({
      status: 'released',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 0,
    });
  });

  it('enforced disappearance counts as detention; news of the place of detention ends it', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'disappearance', occurredOn: '2026-06-05' });
    expect(await derived(id)).toEqual({
      status: 'disappeared',
      detainedSince: '2026-06-05',
      daysDetained: 10,
      totalDaysDetained: 10,
    });
    await addEvent(id, { type: 'hearing', occurredOn: '2026-06-07' });
    expect((await derived(id)).status).toBe('disappeared');
    await addEvent(id, { type: 'transfer', occurredOn: '2026-06-09', place: 'Prison No. 1' });
    expect(await derived(id)).toEqual({
      status: 'detained',
      detainedSince: '2026-06-05',
      daysDetained: 10,
      totalDaysDetained: 10,
    });
  });

  it('death is terminal: it closes the episode and later events change nothing', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'arrest', occurredOn: '2026-01-01' });
    await addEvent(id, { type: 'death', occurredOn: '2026-04-01' });
    const dead = {
      status: 'deceased',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 90,
    };
    expect(await derived(id)).toEqual(dead);
    await addEvent(id, { type: 'release', occurredOn: '2026-05-01' });
    await addEvent(id, { type: 'rearrest', occurredOn: '2026-05-02' });
    expect(await derived(id)).toEqual(dead);
  });

  it('out-of-order entry gives the same result as entry in order', async () => {
    const id = await createDefender();
    await addEvent(id, { type: 'release', occurredOn: '2026-03-01' });
    expect(await derived(id)).toMatchObject({ status: 'released', totalDaysDetained: 0 });
    await addEvent(id, { type: 'rearrest', occurredOn: '2026-04-01' });
    await addEvent(id, { type: 'arrest', occurredOn: '2026-02-01' });
    await addEvent(id, { type: 'charge', occurredOn: '2026-02-03' });
    expect(await derived(id)).toEqual({
      status: 'detained',
      detainedSince: '2026-04-01',
      daysDetained: 75,
      totalDaysDetained: 28 + 75,
    });
    const list = await request({ method: 'GET', url: `${D}/${id}/events` });
    expect(list.body.map((e: { type: string }) => e.type)).toEqual([
      'arrest',
      'charge',
      'release',
      'rearrest',
    ]);
    expect(list.body.map((e: { occurredOn: string }) => e.occurredOn)).toEqual([
      '2026-02-01',
      '2026-02-03',
      '2026-03-01',
      '2026-04-01',
    ]);
  });

  describe('correcting an event (PATCH with If-Match)', () => {
    it('a corrected date re-derives detainedSince and days, bumping the event version', async () => {
      const id = await createDefender();
      const arrest = (await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' })).body;
      api.clock.advance(DAY); // the correction is made the next day
      const res = await patchEvent(id, arrest.id, { occurredOn: '2026-05-01' }, '"1"');
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ id: arrest.id, occurredOn: '2026-05-01', version: 2 });
      expect(await derived(id)).toEqual({
        status: 'detained',
        detainedSince: '2026-05-01',
        daysDetained: 46,
        totalDaysDetained: 46,
      });
      expect((await defender(id)).lastEventAt).toBe('2026-06-16T10:00:00.000Z');
      expect(await eventRow(arrest.id)).toMatchObject({ occurred_on: '2026-05-01', version: 2 });
    });

    it('a corrected type re-derives the status', async () => {
      const id = await createDefender();
      await addEvent(id, { type: 'arrest', occurredOn: '2026-01-01' });
      const ev = (await addEvent(id, { type: 'release', occurredOn: '2026-02-01' })).body;
      expect((await derived(id)).status).toBe('released');
      const res = await patchEvent(id, ev.id, { type: 'transfer' }, '"1"');
      expect(res.status).toBe(200);
      expect(await derived(id)).toEqual({
        status: 'detained',
        detainedSince: '2026-01-01',
        daysDetained: 165,
        totalDaysDetained: 165,
      });
    });

    it('needs If-Match (428), refuses a stale one (412) and an unreadable one (400), changing nothing', async () => {
      const id = await createDefender();
      const arrest = (await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' })).body;
      expect((await patchEvent(id, arrest.id, { description: 'v2' }, '"1"')).status).toBe(200);
      const eventBefore = await eventRow(arrest.id);
      const defenderBefore = await defenderRow(id);

      expectProblem(await patchEvent(id, arrest.id, { occurredOn: '2026-01-01' }), 428);
      const stale = await patchEvent(id, arrest.id, { occurredOn: '2026-01-01' }, '"1"');
      expectProblem(stale, 412);
      expect(stale.body.currentVersion).toBe(2);
      expectProblem(
        await patchEvent(id, arrest.id, { occurredOn: '2026-01-01' }, 'v1'),
        400,
        'If-Match',
      );

      expect(await eventRow(arrest.id)).toEqual(eventBefore);
      expect(await defenderRow(id)).toEqual(defenderBefore);
      expect((await derived(id)).detainedSince).toBe('2026-06-01');
    });
  });

  describe('future dates', () => {
    it.each([['hearing'], ['trial'], ['verdict']])(
      '%s may be scheduled in the future; it does not change the status',
      async (type) => {
        const id = await createDefender();
        await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' });
        const res = await addEvent(id, { type, occurredOn: '2026-07-20', place: 'City Court' });
        expect(res.body).toMatchObject({ type, occurredOn: '2026-07-20', scheduled: true });
        expect(await derived(id)).toEqual({
          status: 'detained',
          detainedSince: '2026-06-01',
          daysDetained: 14,
          totalDaysDetained: 14,
        });
        // Once the day has passed it is no longer "scheduled".
        api.clock.set('2026-07-21T08:00:00Z');
        const after = await request({ method: 'GET', url: `${D}/${id}/events/${res.body.id}` });
        expect(after.body.scheduled).toBe(false);
      },
    );

    it.each([
      ['arrest'],
      ['release'],
      ['conditional_release'],
      ['rearrest'],
      ['disappearance'],
      ['death'],
      ['charge'],
      ['transfer'],
      ['other'],
    ])('%s dated tomorrow is refused with 400 naming occurredOn', async (type) => {
      const id = await createDefender();
      const before = await countEvents();
      const res = await request({
        method: 'POST',
        url: `${D}/${id}/events`,
        body: { type, occurredOn: '2026-06-16' },
      });
      expectProblem(res, 400, 'occurredOn');
      expect(await countEvents()).toBe(before);
      expect((await derived(id)).status).toBe('unknown');
    });

    it('today is not the future', async () => {
      const id = await createDefender();
      await addEvent(id, { type: 'arrest', occurredOn: '2026-06-15' });
      expect(await derived(id)).toMatchObject({ status: 'detained', daysDetained: 0 });
    });

    it('a correction cannot move a non-schedulable event into the future', async () => {
      const id = await createDefender();
      const arrest = (await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' })).body;
      const hearing = (await addEvent(id, { type: 'hearing', occurredOn: '2026-08-01' })).body;
      const a = await eventRow(arrest.id);
      const h = await eventRow(hearing.id);

      expectProblem(
        await patchEvent(id, arrest.id, { occurredOn: '2026-07-01' }, '"1"'),
        400,
        'occurredOn',
      );
      // Turning the scheduled hearing into a release would put a release in the future.
      expectProblem(
        await patchEvent(id, hearing.id, { type: 'release' }, '"1"'),
        400,
        'occurredOn',
      );

      expect(await eventRow(arrest.id)).toEqual(a);
      expect(await eventRow(hearing.id)).toEqual(h);
      expect((await derived(id)).status).toBe('detained');
    });
  });

  describe('not found', () => {
    it('an event of another defender is 404 to read and to correct, and is left alone', async () => {
      const a = await createDefender('Defender A');
      const b = await createDefender('Defender B');
      const ev = (await addEvent(a, { type: 'arrest', occurredOn: '2026-06-01' })).body;
      const before = await eventRow(ev.id);

      expectProblem(await request({ method: 'GET', url: `${D}/${b}/events/${ev.id}` }), 404);
      expectProblem(await patchEvent(b, ev.id, { occurredOn: '2026-01-01' }, '"1"'), 404);
      expect(await eventRow(ev.id)).toEqual(before);
      expect((await derived(b)).status).toBe('unknown');
      const listB = await request({ method: 'GET', url: `${D}/${b}/events` });
      expect(listB.body).toEqual([]);
    });

    it('an unknown defender or event is 404', async () => {
      const id = await createDefender();
      const before = await countEvents();
      expectProblem(
        await request({
          method: 'POST',
          url: `${D}/${MISSING_UUID}/events`,
          body: { type: 'arrest', occurredOn: '2026-06-01' },
        }),
        404,
      );
      expectProblem(await request({ method: 'GET', url: `${D}/${MISSING_UUID}/events` }), 404);
      expectProblem(
        await request({ method: 'GET', url: `${D}/${id}/events/${MISSING_UUID}` }),
        404,
      );
      expectProblem(await patchEvent(id, MISSING_UUID, { description: 'x' }, '"1"'), 404);
      expect(await countEvents()).toBe(before);
    });

    it("an archived defender's timeline is 404", async () => {
      const id = await createDefender();
      const ev = (await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' })).body;
      expect((await request({ method: 'DELETE', url: `${D}/${id}` })).status).toBe(204);
      const before = await countEvents();
      expectProblem(
        await request({
          method: 'POST',
          url: `${D}/${id}/events`,
          body: { type: 'release', occurredOn: '2026-06-10' },
        }),
        404,
      );
      expectProblem(await request({ method: 'GET', url: `${D}/${id}/events` }), 404);
      expectProblem(await patchEvent(id, ev.id, { description: 'x' }, '"1"'), 404);
      expect(await countEvents()).toBe(before);
    });

    it('bad uuids in the path are 400 naming id or eventId', async () => {
      const id = await createDefender();
      const ev = (await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' })).body;
      const valid = { type: 'charge', occurredOn: '2026-06-02' };
      expectProblem(
        await request({ method: 'POST', url: `${D}/bad-id/events`, body: valid }),
        400,
        'id',
      );
      expectProblem(await request({ method: 'GET', url: `${D}/bad-id/events` }), 400, 'id');
      expectProblem(
        await request({ method: 'GET', url: `${D}/${id}/events/bad-event` }),
        400,
        'eventId',
      );
      expectProblem(await patchEvent('bad-id', ev.id, { description: 'x' }, '"1"'), 400, 'id');
      expectProblem(await patchEvent(id, '12345', { description: 'x' }, '"1"'), 400, 'eventId');
    });
  });

  describe('bad input', () => {
    const valid = { type: 'charge', occurredOn: '2026-06-02' };
    const badEvents: [string, Record<string, unknown>, string][] = [
      ['missing type', { occurredOn: '2026-06-02' }, 'type'],
      ['missing occurredOn', { type: 'charge' }, 'occurredOn'],
      ['an unknown type', { ...valid, type: 'arrested' }, 'type'],
      ['type as a number', { ...valid, type: 1 }, 'type'],
      ['occurredOn 2025-02-30', { ...valid, occurredOn: '2025-02-30' }, 'occurredOn'],
      [
        'occurredOn 2026-02-29 (not a leap year)',
        { ...valid, occurredOn: '2026-02-29' },
        'occurredOn',
      ],
      ['occurredOn with slashes', { ...valid, occurredOn: '2026/06/02' }, 'occurredOn'],
      ['occurredOn as a number', { ...valid, occurredOn: 20260602 }, 'occurredOn'],
      ['occurredOn with a time', { ...valid, occurredOn: '2026-06-02T10:00:00Z' }, 'occurredOn'],
      ['occurredOn in year 0000', { ...valid, occurredOn: '0000-06-02' }, 'occurredOn'],
      ['occurredOn null', { ...valid, occurredOn: null }, 'occurredOn'],
      [
        'description of 10,001 characters',
        { ...valid, description: 'd'.repeat(10001) },
        'description',
      ],
      ['place of 301 characters', { ...valid, place: 'p'.repeat(301) }, 'place'],
      [
        'place of 300 characters and a variation selector',
        { ...valid, place: 'p'.repeat(300) + '\uFE0E' },
        'place',
      ],
      ['authority of 301 characters', { ...valid, authority: 'a'.repeat(301) }, 'authority'],
      ['legalBasis of 1,001 characters', { ...valid, legalBasis: 'l'.repeat(1001) }, 'legalBasis'],
      ['sentence of 501 characters', { ...valid, sentence: 's'.repeat(501) }, 'sentence'],
      ['source of 1,001 characters', { ...valid, source: 's'.repeat(1001) }, 'source'],
      ['charges as a string', { ...valid, charges: 'treason' }, 'charges'],
      ['charges holding numbers', { ...valid, charges: [1, 2] }, 'charges'],
      ['a charge of 301 characters', { ...valid, charges: ['c'.repeat(301)] }, 'charges'],
      [
        '51 charges',
        { ...valid, charges: Array.from({ length: 51 }, (_, i) => `charge ${i}`) },
        'charges',
      ],
      ['charges null', { ...valid, charges: null }, 'charges'],
      ['verification not in the list', { ...valid, verification: 'maybe' }, 'verification'],
      ['verification null', { ...valid, verification: null }, 'verification'],
      ['description as an object', { ...valid, description: { text: 'x' } }, 'description'],
      ['an unknown field', { ...valid, severity: 'high' }, 'severity'],
      ['an unknown nested object', { ...valid, location: { city: 'Minsk' } }, 'location'],
      ['read-only scheduled', { ...valid, scheduled: false }, 'scheduled'],
      ['read-only defenderId', { ...valid, defenderId: MISSING_UUID }, 'defenderId'],
      ['read-only version', { ...valid, version: 1 }, 'version'],
      ['a NUL character in description', { ...valid, description: 'a\u0000b' }, 'description'],
    ];

    it.each(badEvents)(
      'refuses %s with a 400 naming the field, writing no event',
      async (_l, body, field) => {
        const id = await createDefender();
        await addEvent(id, { type: 'arrest', occurredOn: '2026-06-01' });
        const before = await countEvents();
        const defenderBefore = await defenderRow(id);
        const res = await request({ method: 'POST', url: `${D}/${id}/events`, body });
        expectProblem(res, 400, field);
        expect(await countEvents()).toBe(before);
        expect(await defenderRow(id)).toEqual(defenderBefore);
      },
    );

    it.each([
      ['malformed JSON', '{"type": "arrest", "occurredOn": '],
      ['a JSON array', '[{"type": "arrest", "occurredOn": "2026-06-01"}]'],
      ['an empty body', ''],
      ['a __proto__ key', '{"type":"arrest","occurredOn":"2026-06-01","__proto__":{"x":1}}'],
    ])('refuses %s with a 400 problem, writing no event', async (_l, rawBody) => {
      const id = await createDefender();
      const before = await countEvents();
      const res = await request({ method: 'POST', url: `${D}/${id}/events`, rawBody });
      expectProblem(res, 400);
      expect(await countEvents()).toBe(before);
      expect((await derived(id)).status).toBe('unknown');
    });

    const badCorrections: [string, Record<string, unknown>, string][] = [
      ['type null', { type: null }, 'type'],
      ['occurredOn null', { occurredOn: null }, 'occurredOn'],
      ['occurredOn 2025-02-30', { occurredOn: '2025-02-30' }, 'occurredOn'],
      ['an unknown type', { type: 'escape' }, 'type'],
      ['verification null', { verification: null }, 'verification'],
      ['charges null', { charges: null }, 'charges'],
      ['place of 301 characters', { place: 'p'.repeat(301) }, 'place'],
      ['an unknown field', { note: 'x' }, 'note'],
      ['read-only id', { id: MISSING_UUID }, 'id'],
    ];

    it.each(badCorrections)(
      'refuses a correction with %s (400 naming the field), changing nothing',
      async (_l, body, field) => {
        const id = await createDefender();
        const ev = (
          await addEvent(id, {
            type: 'arrest',
            occurredOn: '2026-06-01',
            charges: ['x'],
            verification: 'confirmed',
          })
        ).body;
        const before = await eventRow(ev.id);
        const defenderBefore = await defenderRow(id);
        expectProblem(await patchEvent(id, ev.id, body, '"1"'), 400, field);
        expect(await eventRow(ev.id)).toEqual(before);
        expect(await defenderRow(id)).toEqual(defenderBefore);
      },
    );

    it('clears nullable event fields with null', async () => {
      const id = await createDefender();
      const ev = (
        await addEvent(id, {
          type: 'sentence',
          occurredOn: '2026-06-01',
          description: 'Sentenced',
          sentence: '5 years',
          place: 'Court',
        })
      ).body;
      const res = await patchEvent(
        id,
        ev.id,
        { description: null, sentence: null, place: null, charges: [] },
        '"1"',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        description: null,
        sentence: null,
        place: null,
        charges: [],
        version: 2,
      });
    });
  });
});
