import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { DomainEvents } from '@witness/domain';
import { EventBus, EventsModule, listenerFor } from '@witness/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { startApi } from './support/api';
import { cloneTestDatabase } from './support/database';
import { startWorker } from './support/worker';

/**
 * The in-transaction event bus: listeners found on providers run in their declared order,
 * inside the publisher's transaction, and one that fails rolls the whole change back.
 */
interface TestEvents {
  NoteWritten: { text: string };
  Unheard: { n: number };
}
const On = listenerFor<TestEvents>();
const calls: string[] = [];

@Injectable()
class Late {
  @On('NoteWritten', { order: 10 })
  async copy(tx: EntityManager, p: TestEvents['NoteWritten']) {
    calls.push(`late:${p.text}`);
    await tx.query(`INSERT INTO bus_notes (text) VALUES ($1)`, [`copy of ${p.text}`]);
    if (p.text === 'boom') throw new Error('listener failed');
  }
}

@Injectable()
class Early {
  @On('NoteWritten')
  first(_tx: EntityManager, p: TestEvents['NoteWritten']) {
    calls.push(`early:${p.text}`);
  }
}

// The same class provided by two modules listens once.
@Module({ providers: [Early], exports: [Early] })
class OneModule {}
@Module({ providers: [Early, Late] })
class OtherModule {}

describe('event bus', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let ds: DataSource;
  let app: INestApplicationContext;
  let bus: EventBus<TestEvents>;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await ds.query(`CREATE TABLE bus_notes (text text NOT NULL)`);
    @Module({ imports: [EventsModule, OneModule, OtherModule] })
    class Root {}
    app = await NestFactory.createApplicationContext(Root, { logger: false });
    bus = app.get<EventBus<TestEvents>>(EventBus);
  });
  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const notes = async () =>
    ((await ds.query(`SELECT text FROM bus_notes ORDER BY text`)) as { text: string }[]).map(
      (r) => r.text,
    );

  it('runs every listener once, in declared order, inside the transaction', async () => {
    expect(bus.listenersOf('NoteWritten')).toEqual(['Early.first', 'Late.copy']);
    await ds.transaction(async (tx) => {
      await tx.query(`INSERT INTO bus_notes (text) VALUES ('hello')`);
      await bus.publish(tx, 'NoteWritten', { text: 'hello' });
      // The listener's write is visible in the transaction before it commits.
      expect(await tx.query(`SELECT count(*)::int AS n FROM bus_notes`)).toEqual([{ n: 2 }]);
    });
    expect(calls).toEqual(['early:hello', 'late:hello']);
    expect(await notes()).toEqual(['copy of hello', 'hello']);
  });

  it('rolls the whole change back when a listener fails', async () => {
    await expect(
      ds.transaction(async (tx) => {
        await tx.query(`INSERT INTO bus_notes (text) VALUES ('boom')`);
        await bus.publish(tx, 'NoteWritten', { text: 'boom' });
      }),
    ).rejects.toThrow('listener failed');
    expect(calls).toEqual(['early:boom', 'late:boom']);
    expect(await notes()).toEqual(['copy of hello', 'hello']);
  });

  it('orders listeners registered by hand among the others', async () => {
    bus.on('NoteWritten', 'Middle.hand', () => void calls.push('middle'), { order: 5 });
    await ds.transaction((tx) => bus.publish(tx, 'NoteWritten', { text: 'x' }));
    expect(calls).toEqual(['early:x', 'middle', 'late:x']);
  });

  it('refuses to publish outside a transaction, and an event nobody hears is a no-op', async () => {
    await expect(bus.publish(ds.manager, 'Unheard', { n: 1 })).rejects.toThrow(
      /outside a transaction/,
    );
    await ds.transaction((tx) => bus.publish(tx, 'Unheard', { n: 1 }));
  });
});

describe('the domain event map in the apps', () => {
  // Who must hear each fact, in order, in every app that may announce it.
  const expected: Record<keyof DomainEvents, string[]> = {
    DefenderChanged: [
      'MilestoneListeners.defenderChanged',
      'RemindersService.onDefenderChanged',
      'PublicationWithdrawal.defenderChanged',
    ],
    DefendersImported: ['MilestoneListeners.defendersImported'],
    DefenderAccessChanged: [
      'MilestoneListeners.accessChanged',
      'PublicationWithdrawal.accessChanged',
    ],
    DetentionEventRecorded: ['MilestoneListeners.detentionEventRecorded'],
    ConsentGranted: ['MilestoneListeners.consentGranted'],
    ConsentWithdrawn: [
      'MilestoneListeners.consentWithdrawn',
      'PublicationWithdrawal.consentWithdrawn',
    ],
    EscalationTransitioned: ['MilestoneListeners.escalationTransitioned'],
    SolidarityActionChanged: ['MilestoneListeners.solidarityActionChanged'],
    DocumentChanged: ['PublicationWithdrawal.documentChanged'],
    DocumentScanned: ['ScanNotices.documentScanned'],
    MilestoneChanged: ['RemindersService.onMilestoneChanged'],
    UserSignInRevoked: ['FeedRevocation.revoke', 'SessionRevocation.revoke'],
  };
  const heard = (app: INestApplicationContext) => {
    const bus = app.get<EventBus<DomainEvents>>(EventBus);
    return Object.fromEntries(
      Object.keys(expected).map((name) => [name, bus.listenersOf(name as keyof DomainEvents)]),
    );
  };

  it('the api and the worker each hear every fact, once, in order', async () => {
    const api = await startApi();
    try {
      expect(heard(api.app)).toEqual(expected);
      const worker = await startWorker({
        dbUrl: api.dbUrl,
        queuePrefix: api.queuePrefix,
        clock: api.clock,
      });
      try {
        expect(heard(worker.app)).toEqual(expected);
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
    }
  });
});
