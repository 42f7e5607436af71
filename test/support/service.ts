import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  ConsentsModule,
  ConsentsService,
  DefendersModule,
  DefendersService,
  DetentionModule,
  DetentionService,
  EscalationsModule,
  EscalationsService,
  UsersModule,
  UsersService,
  type ConsentInput,
  type ConsentPurpose,
  type ConsentView,
  type DefenderInput,
  type DefenderView,
  type DetentionEventInput,
  type DetentionEventView,
  type EscalationInput,
  type EscalationView,
  type EventType,
  type Role,
} from '@witness/domain';
import {
  AuditModule,
  Clock,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  ManualClock,
  OutboxModule,
  PlatformConfigModule,
  ScanModule,
  StorageModule,
  SYSTEM_ACTOR,
  type Actor,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { cloneTestDatabase } from './database';
import { TEST_PASSWORD } from './users';

/** A signed-in person as the domain sees them: an actor with a role (and their account's id). */
export type TestActor = Actor & { userId: string; role: Role; name: string };

/**
 * The people every service test has: one per role, and a second caseworker who is assigned to
 * nothing (what need-to-know must hide restricted cases from).
 */
export interface TestActors {
  admin: TestActor;
  coordinator: TestActor;
  caseworker: TestActor;
  otherCaseworker: TestActor;
  viewer: TestActor;
}

export interface ServiceTier {
  module: TestingModule;
  clock: ManualClock;
  db: DataSource;
  actors: TestActors;
  make: Factories;
  /** A provider of the module (a service of a domain module imported in `startServices`). */
  get<T>(type: Type<T>): T;
  close: () => Promise<void>;
}

/**
 * A service test's world: a Nest TestingModule with the platform's config, clock (a manual
 * one), database (a fresh clone of the migrated template), audit trail, encryption and outbox,
 * the users feature and the ones the factories use (defenders, detention, consents,
 * escalations), and the domain modules under test; no HTTP, no Redis, no api. Users of each
 * role are made through the real UsersService; factories go through the real services.
 */
export async function startServices(
  options: {
    /** Further domain modules under test (their own imports come along). */
    imports?: (Type<unknown> | DynamicModule)[];
    now?: string;
    env?: Record<string, string>;
  } = {},
): Promise<ServiceTier> {
  const database = await cloneTestDatabase();
  // The environment as it was: `close` puts it back, so a file's next module does not
  // inherit this one's settings (`env`).
  const envBefore = { ...process.env };
  process.env.DATABASE_URL = database.url;
  process.env.QUEUE_PREFIX = `s${randomBytes(4).toString('hex')}`;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_POOL_SIZE = '5';
  const storageDir = mkdtempSync(join(tmpdir(), 'witness-service-'));
  process.env.STORAGE_DIR = storageDir;
  Object.assign(process.env, options.env ?? {});
  // The config module reads process.env when `forRoot` runs, below.
  const clock = new ManualClock(new Date(options.now ?? '2026-06-15T10:00:00Z'));
  let module: TestingModule | undefined;
  try {
    module = await Test.createTestingModule({
      imports: [
        PlatformConfigModule.forRoot(),
        ClockModule,
        DatabaseModule,
        OutboxModule,
        CryptoModule,
        AuditModule,
        StorageModule,
        ScanModule,
        // The users feature and what the factories go through.
        UsersModule,
        DefendersModule,
        DetentionModule,
        ConsentsModule,
        EscalationsModule,
        ...(options.imports ?? []),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    module.useLogger(false);
    await module.init();
  } catch (e) {
    await module?.close();
    await database.drop();
    rmSync(storageDir, { recursive: true, force: true });
    process.env = envBefore;
    throw e;
  }
  const m = module;
  const get = <T>(type: Type<T>): T => {
    try {
      return m.get(type, { strict: false });
    } catch {
      throw new Error(`${type.name} is not provided: import its domain module in startServices`);
    }
  };
  const users = get(UsersService);
  const person = async (role: Role, name: string): Promise<TestActor> => {
    const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
    const view = await users.create({ email, name, role, password: TEST_PASSWORD }, SYSTEM_ACTOR);
    return { userId: view.id, role, name };
  };
  const [admin, coordinator, caseworker, otherCaseworker, viewer] = await Promise.all([
    person('admin', 'Test admin'),
    person('coordinator', 'Test coordinator'),
    person('caseworker', 'Test caseworker'),
    person('caseworker', 'Other caseworker'),
    person('viewer', 'Test viewer'),
  ]);
  const actors = { admin, coordinator, caseworker, otherCaseworker, viewer };
  return {
    module: m,
    clock,
    db: m.get(DataSource),
    actors,
    make: factories(get, clock, actors),
    get,
    close: async () => {
      await m.close();
      await database.drop();
      rmSync(storageDir, { recursive: true, force: true });
      process.env = envBefore;
    },
  };
}

export interface Factories {
  /** A case (a coordinator opens it unless `as` says who). */
  defender(input?: Partial<DefenderInput>, as?: TestActor): Promise<DefenderView>;
  /** A restricted case (opened by the coordinator) with these people assigned to it. */
  restrictedCase(assigned: TestActor[], input?: Partial<DefenderInput>): Promise<DefenderView>;
  /** A timeline event of a case, recorded by the coordinator unless `as` says who. */
  event(
    defenderId: string,
    type: EventType,
    occurredOn: string,
    extra?: Partial<DetentionEventInput>,
    as?: TestActor,
  ): Promise<DetentionEventView>;
  /** A consent decision (given, by the defender, in writing, today unless said). */
  consent(
    defenderId: string,
    purpose: ConsentPurpose,
    extra?: Partial<ConsentInput>,
    as?: TestActor,
  ): Promise<ConsentView>;
  /** A WGAD regular communication about these cases, a draft owned by its creator. */
  escalation(
    defenderIds: string[],
    extra?: Partial<EscalationInput>,
    as?: TestActor,
  ): Promise<EscalationView>;
}

let serial = 0;

function factories(
  get: <T>(type: Type<T>) => T,
  clock: ManualClock,
  actors: TestActors,
): Factories {
  return {
    async defender(input = {}, as = actors.coordinator) {
      serial += 1;
      return get(DefendersService).create(
        { fullName: `Defender ${serial}`, country: 'EG', ...input },
        as,
      );
    },
    async restrictedCase(assigned, input = {}) {
      const d = await this.defender({ ...input, access: 'restricted' }, actors.coordinator);
      for (const a of assigned)
        await get(DefendersService).assign(d.id, a.userId, actors.coordinator);
      return d;
    },
    async event(defenderId, type, occurredOn, extra = {}, as = actors.coordinator) {
      return get(DetentionService).add(defenderId, { type, occurredOn, ...extra }, as);
    },
    async consent(defenderId, purpose, extra = {}, as = actors.coordinator) {
      return get(ConsentsService).add(
        defenderId,
        {
          purpose,
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: clock.today(),
          ...extra,
        },
        as,
      );
    },
    async escalation(defenderIds, extra = {}, as = actors.coordinator) {
      return get(EscalationsService).create(
        { defenderIds, mechanism: 'wgad', kind: 'wgad_regular', ...extra },
        as,
      );
    },
  };
}
