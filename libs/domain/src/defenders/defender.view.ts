import { isDeprivedOfLiberty, openEpisodeDays } from '../shared/detention-status';
import type { Defender } from './defender.entity';
import type { DefenderView } from './defender.types';

/**
 * The case record as shown to a reader. Days in detention depend on today, so they are
 * computed here from the cached episode start, never stored.
 */
export function toDefenderView(
  d: Defender,
  today: string,
  options: { withStory: boolean } = { withStory: true },
): DefenderView {
  const open = d.detainedSince !== null && isDeprivedOfLiberty(d.status);
  const daysDetained = open ? openEpisodeDays(d.detainedSince as string, today) : null;
  const view: DefenderView = {
    id: d.id,
    fullName: d.fullName,
    familyName: d.familyName ?? null,
    givenNames: d.givenNames ?? null,
    otherNames: d.otherNames ?? [],
    sex: d.sex,
    birthDate: d.birthDate,
    birthYear: d.birthYear,
    nationalities: d.nationalities ?? [],
    nationality: d.nationalities?.[0] ?? null,
    country: d.country,
    profession: d.profession,
    organisation: d.organisation,
    hrdActivity: d.hrdActivity ?? null,
    hrdFocus: d.hrdFocus ?? [],
    summary: d.summary,
    riskLevel: d.riskLevel,
    access: d.access,
    tags: d.tags ?? [],
    status: d.status,
    detainedSince: open ? d.detainedSince : null,
    daysDetained,
    totalDaysDetained: d.closedDetentionDays + (daysDetained ?? 0),
    lastEventAt: d.lastEventAt ? d.lastEventAt.toISOString() : null,
    archivedAt: d.archivedAt ? d.archivedAt.toISOString() : null,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
  if (options.withStory) view.story = d.story;
  return view;
}
