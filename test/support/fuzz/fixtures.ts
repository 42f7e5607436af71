import type { TestApi } from '../api';
import { multipart, pdf, photoWithGps, postMultipart } from '../files';
import { createUser, type TestUser } from '../users';
import type { IdPools } from './pools';

/**
 * A small world for the fuzzer to aim at, made through the real api: defenders (some
 * restricted) with timelines, consents, an assignee and a publication; partners, escalations
 * with a dossier request, solidarity actions, milestones, documents (a PDF and a photo), UN
 * calendar entries; spare users (never the ones the
 * fuzzer acts as). Every id lands in the pools through the answers' harvest.
 */
export async function makeFixtures(
  api: TestApi,
  admin: TestUser,
  pools: IdPools,
  today: string,
): Promise<void> {
  const call = async (
    method: 'POST' | 'PUT',
    template: string,
    params: string[],
    body: unknown,
  ): Promise<Record<string, unknown>> => {
    let url = template;
    for (const p of params) url = url.replace(/\{[^}]+\}/, p);
    const res = await admin.request({ method, url, body });
    if (res.status >= 300) throw new Error(`fixture ${method} ${url}: ${res.status} ${res.text}`);
    pools.harvest(template, params[0], res.body);
    return res.body;
  };

  const spare: TestUser[] = [];
  for (const role of ['caseworker', 'coordinator', 'viewer', 'caseworker'] as const) {
    const u = await createUser(api, role, `Spare ${role}`);
    pools.add('users', u.id);
    spare.push(u);
  }

  const partners: string[] = [];
  for (const name of ['Free Them Network', 'Nairobi Lawyers Guild']) {
    const p = await call('POST', '/api/v1/partners', [], { name, kind: 'network', country: 'KE' });
    partners.push(p.id as string);
  }

  const defenders: string[] = [];
  const names = [
    'Amina Haddad',
    'José Ñúñez',
    'Samir Khalil',
    '王小明',
    'Leyla Öztürk',
    'Ana Ruiz',
  ];
  for (const [i, fullName] of names.entries()) {
    const d = await call('POST', '/api/v1/defenders', [], {
      fullName,
      country: i % 2 ? 'KE' : 'EG',
      access: i === 2 || i === 5 ? 'restricted' : 'standard',
      hrdFocus: ['journalist'],
      tags: ['group:fuzz'],
      contacts: [{ name: 'Family', relation: 'family', phone: '+20 100 000 0000' }],
    });
    const id = d.id as string;
    defenders.push(id);
    await call('POST', '/api/v1/defenders/{id}/events', [id], {
      type: 'arrest',
      occurredOn: '2025-03-01',
      description: 'Arrested at home.',
    });
    await call('POST', '/api/v1/defenders/{id}/events', [id], {
      type: 'charge',
      occurredOn: '2025-03-05',
      charges: ['spreading false news'],
      legalBasis: 'Penal code art. 80',
    });
    await call('POST', '/api/v1/defenders/{id}/events', [id], {
      type: 'hearing',
      occurredOn: '2026-07-01',
    });
    await call('POST', '/api/v1/defenders/{id}/assignees', [id], { userId: spare[0].id });
    for (const purpose of ['public_profile', 'photo']) {
      await call('POST', '/api/v1/defenders/{id}/consents', [id], {
        purpose,
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn: today,
      });
    }
  }
  for (const id of defenders.slice(0, 2)) {
    await call('PUT', '/api/v1/defenders/{id}/publication', [id], {
      featured: true,
      publicSummary: 'Journalist detained for her reporting.',
    });
  }

  for (const kind of ['wgad_regular', 'wgad_urgent_action'] as const) {
    const e = await call('POST', '/api/v1/escalations', [], {
      defenderIds: defenders.slice(0, 2),
      mechanism: 'wgad',
      kind,
      partnerIds: partners,
    });
    await call('POST', '/api/v1/escalations/{id}/dossiers', [e.id as string], {
      language: 'en',
      format: 'html',
      edition: 'public',
      acknowledgeIncomplete: true,
    });
  }

  for (const title of ['Letters to Amina', 'Trial monitoring']) {
    await call('POST', '/api/v1/solidarity-actions', [], {
      type: 'letter_writing',
      title,
      startsOn: today,
      defenderIds: defenders.slice(0, 3),
      partnerIds: partners.slice(0, 1),
    });
  }

  for (const [i, kind] of (['upr_session', 'hrc_session'] as const).entries()) {
    await call('POST', '/api/v1/un-calendar', [], {
      kind,
      number: 50 + i,
      title: `Session ${i}`,
      startsOn: today,
      endsOn: today,
      countries: kind === 'upr_session' ? ['EG', 'KE'] : [],
    });
  }

  // Documents are multipart (which the fuzzer does not build): a PDF and a photo per case.
  for (const d of defenders.slice(0, 2)) {
    for (const file of [
      { name: 'warrant.pdf', content: pdf() },
      { name: 'photo.jpg', content: await photoWithGps() },
    ]) {
      const template = '/api/v1/defenders/{id}/documents';
      const res = await postMultipart(
        api,
        template.replace('{id}', d),
        admin.token,
        multipart({ title: file.name, kind: file.name.endsWith('.jpg') ? 'photo' : 'warrant' }, [
          file,
        ]),
      );
      if (res.status !== 201) throw new Error(`fixture document: ${res.status} ${res.text}`);
      pools.harvest(template, d, res.body);
    }
  }

  for (const [i, kind] of (['hearing', 'custom'] as const).entries()) {
    await call('POST', '/api/v1/milestones', [], {
      defenderId: defenders[i],
      kind,
      title: `Milestone ${i}`,
      dueAt: `${today}T12:00:00Z`,
      assigneeIds: [spare[0].id],
    });
  }
}
