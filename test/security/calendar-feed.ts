import type { TestApi } from '../support/api';
import { asUser, type TestUser } from '../support/users';

/** A user's calendar feed as their calendar app reads it: issued, then fetched by its secret URL. */
export async function calendarFeedText(api: TestApi, user: TestUser): Promise<string> {
  const feed = await asUser(api, user, {
    method: 'POST',
    url: '/api/v1/me/calendar-feed',
    body: {},
  });
  if (feed.status !== 201) throw new Error(`calendar feed: ${feed.status} ${feed.text}`);
  const ics = await api.request({
    method: 'GET',
    url: new URL(feed.body.url).pathname,
    anonymous: true,
  });
  if (ics.status !== 200) throw new Error(`calendar feed read: ${ics.status}`);
  return ics.text;
}
