import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AuditService,
  Clock,
  diffForAudit,
  UnauthenticatedError,
  writeICalendar,
  type Env,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { caseNamesAndAccess } from '../defenders';
import { MilestonesService, type MilestoneView } from '../milestones';
import { addDays } from '../shared/schedule';
import type { Actor } from '../shared/actor';
import type { Role } from '../users';
import { UnCalendarService } from '../un-calendar';
import { feedCalendar, type FeedCase } from './calendar-feed-content';

/** The feed's route, under the API (the secret and `.ics` follow). */
export const CALENDAR_FEED_PATH = '/api/v1/calendar-feeds';
/** 32 random bytes in base64url, no padding: exactly 43 characters. */
export const FEED_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const SECRET_BYTES = 32;
/**
 * `lastUsedAt` is written at most this often: calendar apps poll every few minutes to every
 * few hours, and a write per poll per user is load for nothing.
 */
export const LAST_USED_PRECISION_MS = 15 * 60_000;
/** The feed's window: from this many days back... */
export const FEED_PAST_DAYS = 30;
/** ...to about a year ahead. */
export const FEED_FUTURE_DAYS = 366;
/** A cancelled milestone stays in the feed (STATUS:CANCELLED) this long, so calendars drop it. */
export const CANCELLED_SHOWN_DAYS = 30;
/** At most this many milestones in one feed (the nearest first). */
const MAX_MILESTONES = 2000;
const PAGE = 500;

export interface CalendarFeedOptions {
  /** Show the names of defenders of standard cases (never restricted ones). Default false. */
  includeNames?: boolean;
}

/** A user's feed as they may see it: never the secret, which is not stored. */
export interface CalendarFeedView {
  active: boolean;
  includeNames: boolean;
  createdAt: string | null;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What creating or rotating returns: the URL, once. */
export interface IssuedCalendarFeed extends CalendarFeedView {
  url: string;
  /** The same address as webcal://, which Outlook and Apple Calendar open as a subscription. */
  webcalUrl: string;
}

interface FeedRow {
  id: string;
  include_names: boolean;
  created_at: Date;
  rotated_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function toView(row: FeedRow | undefined): CalendarFeedView {
  return {
    active: !!row && row.revoked_at === null,
    includeNames: row?.include_names ?? false,
    createdAt: row?.created_at.toISOString() ?? null,
    rotatedAt: row?.rotated_at?.toISOString() ?? null,
    lastUsedAt: row?.last_used_at?.toISOString() ?? null,
    revokedAt: row?.revoked_at?.toISOString() ?? null,
  };
}

/**
 * Private calendar feeds (iCalendar URLs): each user's milestones and the UN calendar, for
 * Outlook, Google Calendar or Thunderbird. The URL's secret is the only credential: 256
 * random bits, shown once, stored as a SHA-256. Rotating replaces it and revoking clears it,
 * both at once; a deactivated user's feed answers nothing. The content is computed with the
 * user's own, current access: a case they can no longer see leaves their feed.
 */
@Injectable()
export class CalendarFeedsService {
  private readonly baseUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly milestones: MilestonesService,
    private readonly unCalendar: UnCalendarService,
    config: ConfigService<Env, true>,
  ) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/+$/, '');
  }

  async status(userId: string): Promise<CalendarFeedView> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT id, include_names, created_at, rotated_at, last_used_at, revoked_at
         FROM calendar_feeds WHERE user_id = $1`,
      [userId],
    );
    return toView(rows[0]);
  }

  /**
   * Create the user's feed, or replace its URL (the old one stops working at once). Options
   * not given are kept. Returns the URL: the only time it is ever shown.
   */
  async issue(actor: Actor, options: CalendarFeedOptions = {}): Promise<IssuedCalendarFeed> {
    const userId = this.userOf(actor);
    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (tx) => {
      const before: FeedRow[] = await tx.query(
        `SELECT include_names, revoked_at FROM calendar_feeds WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      const wasActive = !!before[0] && before[0].revoked_at === null;
      // One row per user; a concurrent first creation lands in ON CONFLICT and rotates.
      const [saved]: FeedRow[] = await tx.query(
        `INSERT INTO calendar_feeds (user_id, secret_hash, include_names, created_at)
              VALUES ($1, $2, COALESCE($3::boolean, false), $4)
         ON CONFLICT (user_id) DO UPDATE SET
              secret_hash = EXCLUDED.secret_hash,
              include_names = COALESCE($3::boolean, calendar_feeds.include_names),
              created_at = CASE WHEN calendar_feeds.revoked_at IS NULL
                                THEN calendar_feeds.created_at ELSE EXCLUDED.created_at END,
              rotated_at = CASE WHEN calendar_feeds.revoked_at IS NULL
                                THEN EXCLUDED.created_at ELSE NULL END,
              last_used_at = NULL,
              revoked_at = NULL
         RETURNING id, include_names, created_at, rotated_at, last_used_at, revoked_at`,
        [userId, hashSecret(secret), options.includeNames ?? null, now],
      );
      const rotated = saved.rotated_at !== null;
      await this.audit.record(tx, actor, {
        action: rotated ? 'calendar_feed.rotate' : 'calendar_feed.create',
        entityType: 'calendar_feed',
        entityId: saved.id,
        // Never the secret nor its hash.
        changes: diffForAudit(wasActive ? { includeNames: before[0].include_names } : null, {
          includeNames: saved.include_names,
        }),
      });
      return saved;
    });
    const url = `${this.baseUrl}${CALENDAR_FEED_PATH}/${secret}.ics`;
    return { ...toView(row), url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  /** Revoke the user's feed: its URL answers 404 from now on. Nothing to revoke is not an error. */
  async revoke(actor: Actor): Promise<void> {
    const userId = this.userOf(actor);
    await this.dataSource.transaction(async (tx) => {
      const [rows]: [{ id: string }[], number] = await tx.query(
        `UPDATE calendar_feeds SET secret_hash = NULL, revoked_at = $2
          WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
        [userId, this.clock.now()],
      );
      if (!rows.length) return;
      await this.audit.record(tx, actor, {
        action: 'calendar_feed.revoke',
        entityType: 'calendar_feed',
        entityId: rows[0].id,
      });
    });
  }

  /**
   * The iCalendar text of the feed whose URL holds `secret`, or null when there is none (a
   * malformed, unknown or revoked secret, or a deactivated user: all alike).
   */
  async render(
    secret: string,
    ctx: { ip?: string; requestId?: string } = {},
  ): Promise<string | null> {
    // Checked before any query: a malformed secret costs nothing and cannot reach SQL.
    if (!FEED_SECRET_PATTERN.test(secret)) return null;
    const rows: {
      id: string;
      user_id: string;
      include_names: boolean;
      last_used_at: Date | null;
      role: Role;
      active: boolean;
    }[] = await this.dataSource.query(
      `SELECT f.id, f.user_id, f.include_names, f.last_used_at, u.role, u.active
         FROM calendar_feeds f JOIN calendar_feed_owners u ON u.id = f.user_id
        WHERE f.secret_hash = $1 AND f.revoked_at IS NULL`,
      [hashSecret(secret)],
    );
    const feed = rows[0];
    // Deactivation stops the feed with no coupling to UsersService: it is read here, each time.
    if (!feed || !feed.active) return null;

    const now = this.clock.now();
    const actor: Actor = { userId: feed.user_id, role: feed.role, ...ctx };
    const today = now.toISOString().slice(0, 10);
    const [milestones, entries] = await Promise.all([
      this.milestonesOf(feed.user_id, now, actor),
      this.unCalendar.list(
        { from: addDays(today, -FEED_PAST_DAYS), to: addDays(today, FEED_FUTURE_DAYS) },
        actor,
      ),
    ]);
    const cases = await this.casesOf(milestones);
    const body = writeICalendar(
      feedCalendar({
        now,
        baseUrl: this.baseUrl,
        includeNames: feed.include_names,
        milestones: milestones.map((m) => ({
          milestone: m,
          defender: m.defenderId ? (cases.get(m.defenderId) ?? null) : null,
        })),
        entries,
      }),
    );
    await this.touch(feed.id, feed.last_used_at, now);
    return body;
  }

  /**
   * The milestones the user is reminded of, in the window, as the user may see them (the
   * milestone service applies need-to-know with the user as actor).
   */
  private async milestonesOf(userId: string, now: Date, actor: Actor): Promise<MilestoneView[]> {
    const from = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
    const to = new Date(now.getTime() + FEED_FUTURE_DAYS * 86_400_000).toISOString();
    const cancelledSince = now.getTime() - CANCELLED_SHOWN_DAYS * 86_400_000;
    const out: MilestoneView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.milestones.list(
        { assigneeId: userId, from, to, limit: PAGE, cursor },
        actor,
      );
      for (const m of page.data) {
        if (m.status === 'cancelled' && new Date(m.updatedAt).getTime() < cancelledSince) continue;
        out.push(m);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < MAX_MILESTONES);
    return out.slice(0, MAX_MILESTONES);
  }

  /**
   * Name and access of the cases of these milestones. Only cases the milestone service has
   * just shown the user; only these two columns (never a sensitive one).
   */
  private async casesOf(milestones: MilestoneView[]): Promise<Map<string, FeedCase>> {
    const ids = [
      ...new Set(milestones.map((m) => m.defenderId).filter((id): id is string => !!id)),
    ];
    const cases = await caseNamesAndAccess(this.dataSource.manager, ids);
    return new Map([...cases].map(([id, c]) => [id, { fullName: c.fullName, access: c.access }]));
  }

  /** Record the fetch, at most once per LAST_USED_PRECISION_MS (see there). */
  private async touch(feedId: string, lastUsedAt: Date | null, now: Date): Promise<void> {
    if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return;
    await this.dataSource.query(
      `UPDATE calendar_feeds SET last_used_at = $2
        WHERE id = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < $3)`,
      [feedId, now, new Date(now.getTime() - LAST_USED_PRECISION_MS)],
    );
  }

  private userOf(actor: Actor): string {
    if (!actor.userId)
      throw new UnauthenticatedError('A calendar feed belongs to a signed-in user.');
    return actor.userId;
  }
}
