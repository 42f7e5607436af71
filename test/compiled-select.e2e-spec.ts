import { Defender, DefenderAssignee } from '@witness/domain';
import { CompiledSelect } from '@witness/platform';
import { startApi, type TestApi } from './support/api';

/**
 * CompiledSelect (libs/platform/src/database/compiled-select.ts) must hydrate exactly the
 * entities TypeORM's query builder gives for the same SELECT, against the real schema: every
 * column type a case record has (dates, timestamps, arrays, enums, bigint, nulls, columns
 * selected only on request).
 */
describe('CompiledSelect', () => {
  let api: TestApi;
  let full: string;
  let bare: string;

  beforeAll(async () => {
    api = await startApi({ as: 'admin' });
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: {
        fullName: 'Nasrin Sotoudeh-Ćirić 娜斯林',
        otherNames: ['N. S.', 'نسرین'],
        sex: 'female',
        birthDate: '1963-05-30',
        nationality: 'IR',
        country: 'IR',
        profession: 'lawyer',
        organisation: 'Defenders of Human Rights Center',
        hrdFocus: ['womens_rights', 'lawyer'],
        summary: 'A human rights lawyer.',
        story: 'Long story.',
        riskLevel: 'high',
        tags: ['priority', 'lawyers'],
        contacts: [{ name: 'Reza', relation: 'family', phone: '+98 21 555 0100' }],
        confidentialNotes: 'Visits on Tuesdays.',
      },
    });
    expect({ status: created.status, errors: created.body.errors }).toEqual({ status: 201 });
    full = created.body.id;
    const event = await api.request({
      method: 'POST',
      url: `/api/v1/defenders/${full}/events`,
      body: { type: 'arrest', occurredOn: '2026-06-01' },
    });
    expect(event.status).toBe(201);
    const minimal = await api.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Bare Record', country: 'EG' },
    });
    expect(minimal.status).toBe(201);
    bare = minimal.body.id;
  });
  afterAll(() => api?.close());

  const builder = (sensitive: boolean) => {
    const qb = api.db.createQueryBuilder(Defender, 'd').where('d.id = :id', { id: full });
    if (sensitive) qb.addSelect(['d.contactsEnc', 'd.confidentialNotesEnc']);
    return qb;
  };

  it.each([
    ['all selectable columns', false],
    ['with the encrypted columns added', true],
  ])('hydrates the same entities as the query builder: %s', async (_name, sensitive) => {
    const compiled = new CompiledSelect(api.db, builder(sensitive), ['id']);
    for (const id of [full, bare]) {
      const expected = await builder(sensitive).setParameter('id', id).getOne();
      const actual = await compiled.one(api.db.manager, id);
      expect(actual).toBeInstanceOf(Defender);
      expect(actual).toEqual(expected);
    }
    const withStatus = await compiled.one(api.db.manager, full);
    expect(withStatus).toMatchObject({ status: 'detained', detainedSince: '2026-06-01' });
    expect(withStatus!.createdAt).toBeInstanceOf(Date);
    expect(typeof withStatus!.seq).toBe('string');
    // Encrypted columns are select: false: only there when added.
    expect(typeof withStatus!.contactsEnc).toBe(sensitive ? 'string' : 'undefined');
  });

  it('answers null for no row, and runs inside a transaction with its lock', async () => {
    const compiled = new CompiledSelect(api.db, builder(false), ['id']);
    expect(await compiled.one(api.db.manager, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const locking = new CompiledSelect(api.db, builder(false).setLock('pessimistic_write'), ['id']);
    await api.db.transaction(async (tx) => {
      const d = await locking.one(tx, full);
      expect(d?.id).toBe(full);
      const held = await tx.query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE c.relname = 'defenders' AND l.mode = 'RowShareLock' AND l.pid = pg_backend_pid()`,
      );
      expect(held[0].n).toBe(1);
    });
  });

  it('refuses what it cannot reproduce: joins, and parameters other than those declared', () => {
    const joined = builder(false).leftJoinAndSelect(DefenderAssignee, 'a', 'a.defenderId = d.id');
    expect(() => new CompiledSelect(api.db, joined, ['id'])).toThrow(/without joins/);
    expect(() => new CompiledSelect(api.db, builder(false), ['other'])).toThrow(/parameters/);
    const two = builder(false).andWhere('d.country = :country', { country: 'IR' });
    expect(() => new CompiledSelect(api.db, two, ['id'])).toThrow(/parameters/);
    expect(new CompiledSelect(api.db, two, ['id', 'country'])).toBeInstanceOf(CompiledSelect);
  });
});
