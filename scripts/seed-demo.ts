/**
 * `npm run seed:demo`: load ~30 demo defenders with detention timelines, for demonstrations,
 * UI work and manual testing.
 *
 * EVERY PERSON, ORGANISATION AND CASE BELOW IS FICTIONAL. The names are invented to look
 * plausible for their country; any resemblance to a real person is a coincidence. Laws and
 * courts are cited as they exist, because that is what caseworkers record. Every record carries
 * the tag `demo` (and its summary says it is fictional) so it can never be mistaken for a real
 * case, and can be filtered out or archived in one go.
 *
 * Idempotent: each demo defender has a fixed tag `demo:<slug>`; one that already exists
 * (archived or not) is skipped, so running the script twice creates nothing new.
 * Dates are relative to today (arrested N days ago, a hearing in N days), so the demo stays
 * realistic whenever it is loaded.
 *
 * Everything goes through the real domain services with the system actor, exactly as the API
 * would, so derived fields (status, days in detention) are computed by the real rules.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ConsentsModule,
  DefendersModule,
  DefendersService,
  DetentionModule,
  DetentionService,
  EscalationsModule,
  SYSTEM_ACTOR,
  UsersModule,
  DomainListenersModule,
  type DefenderInput,
  type DetentionEventInput,
  type EventType,
} from '@witness/domain';
import {
  Clock,
  AuditModule,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  EventsModule,
  loadEnv,
  migrate,
  ownerUrl,
  PlatformConfigModule,
} from '@witness/platform';

import { demoLoginLines, seedDemoAccounts, type DemoAccountsResult } from './seed-demo-accounts';
import { seedUnDemo, type UnSeedResult } from './seed-demo-un';

/** An event dated `daysAgo` days before today; negative means scheduled in the future. */
interface DemoEvent extends Omit<DetentionEventInput, 'occurredOn'> {
  daysAgo: number;
}

interface DemoDefender {
  slug: string;
  defender: DefenderInput;
  events: DemoEvent[];
}

const FICTIONAL = 'Fictional demo profile.';

function ev(
  type: EventType,
  daysAgo: number,
  details: Omit<DetentionEventInput, 'type' | 'occurredOn'> = {},
): DemoEvent {
  return { type, daysAgo, verification: 'corroborated', ...details };
}

// Two groups of people arrested together (profiled as a group, DOMAIN.md).
const EG_GROUP = 'group:eg-delta-voices-raid';
const AZ_GROUP = 'group:az-independent-media-case';

const EG_RAID_CHARGES = ['joining a terrorist group', 'spreading false news'];
const EG_RAID_LAW = 'Anti-Terrorism Law No. 94 of 2015; Penal Code, art. 80(d)';
const AZ_CHARGES = ['smuggling of currency by a group', 'illegal entrepreneurship'];
const AZ_LAW = 'Criminal Code, arts. 206.3.2 and 192.3.2';

const DEMO: DemoDefender[] = [
  // ------------------------------------------------------------------ Egypt (a group of three)
  {
    slug: 'eg-nour-el-sayed',
    defender: {
      fullName: 'Nour Abdelrahman El-Sayed',
      otherNames: ['نور عبد الرحمن السيد'],
      sex: 'female',
      birthYear: 1991,
      nationality: 'EG',
      country: 'EG',
      profession: 'Investigative journalist',
      organisation: 'Delta Voices (fictional independent newsroom)',
      hrdFocus: ['journalist'],
      summary: `${FICTIONAL} Editor of an independent newsroom, arrested with two colleagues when security forces raided its office. Held in pre-trial detention renewed every 45 days.`,
      story:
        '## In her words\n\nI wrote about the price of bread and the people who could no longer ' +
        'afford it. That is all.\n\n*Fictional story for the demo.*',
      riskLevel: 'high',
      tags: [EG_GROUP],
    },
    events: [
      ev('arrest', 410, {
        description: 'Arrested with two colleagues during a night raid on the Delta Voices office.',
        place: 'Cairo',
        authority: 'National Security Agency',
        source: 'Colleague present at the raid',
        verification: 'confirmed',
      }),
      ev('charge', 408, {
        description: 'Charged by the Supreme State Security Prosecution.',
        authority: 'Supreme State Security Prosecution',
        legalBasis: EG_RAID_LAW,
        charges: EG_RAID_CHARGES,
        source: 'Defence lawyer',
        verification: 'confirmed',
      }),
      ev('transfer', 300, {
        description: 'Transferred to a high-security women’s prison; family informed a week later.',
        place: 'Women’s prison, Qalyubia governorate',
        source: 'Family',
      }),
      ev('hearing', 45, {
        description: 'Detention renewed for 45 days by the terrorism circuit court.',
        authority: 'Terrorism circuit court',
        source: 'Defence lawyer',
      }),
      ev('hearing', -21, {
        description: 'Scheduled detention renewal hearing.',
        authority: 'Terrorism circuit court',
        source: 'Defence lawyer',
        verification: 'unverified',
      }),
    ],
  },
  {
    slug: 'eg-karim-mansour',
    defender: {
      fullName: 'Karim Youssef Mansour',
      otherNames: ['كريم يوسف منصور'],
      sex: 'male',
      birthYear: 1987,
      nationality: 'EG',
      country: 'EG',
      profession: 'Photojournalist',
      organisation: 'Delta Voices (fictional independent newsroom)',
      hrdFocus: ['journalist'],
      summary: `${FICTIONAL} Photographer arrested in the raid on his newsroom; on hunger strike against his conditions of detention, with a heart condition.`,
      riskLevel: 'critical',
      tags: [EG_GROUP],
    },
    events: [
      ev('arrest', 410, {
        description: 'Arrested during the raid on the Delta Voices office.',
        place: 'Cairo',
        authority: 'National Security Agency',
        source: 'Colleague present at the raid',
        verification: 'confirmed',
      }),
      ev('charge', 408, {
        authority: 'Supreme State Security Prosecution',
        legalBasis: EG_RAID_LAW,
        charges: EG_RAID_CHARGES,
        source: 'Defence lawyer',
        verification: 'confirmed',
      }),
      ev('hunger_strike', 120, {
        description: 'Began a hunger strike against the denial of family visits and of medication.',
        source: 'Family',
      }),
      ev('health_concern', 100, {
        description: 'Fainted in his cell; prison doctor refused a transfer to hospital.',
        source: 'Cellmate via family',
        verification: 'unverified',
      }),
    ],
  },
  {
    slug: 'eg-hoda-fathy',
    defender: {
      fullName: 'Hoda Samir Fathy',
      otherNames: ['هدى سمير فتحي'],
      sex: 'female',
      birthYear: 1995,
      nationality: 'EG',
      country: 'EG',
      profession: 'Lawyer',
      organisation: 'Delta Voices (fictional independent newsroom)',
      hrdFocus: ['lawyer', 'journalist'],
      summary: `${FICTIONAL} The newsroom’s legal adviser, arrested in the same raid; released pending investigation with weekly police check-ins.`,
      riskLevel: 'medium',
      tags: [EG_GROUP],
    },
    events: [
      ev('arrest', 410, {
        description: 'Arrested during the raid on the Delta Voices office.',
        place: 'Cairo',
        authority: 'National Security Agency',
        verification: 'confirmed',
        source: 'Colleague present at the raid',
      }),
      ev('charge', 408, {
        authority: 'Supreme State Security Prosecution',
        legalBasis: EG_RAID_LAW,
        charges: EG_RAID_CHARGES,
        source: 'Defence lawyer',
        verification: 'confirmed',
      }),
      ev('conditional_release', 200, {
        description:
          'Released pending investigation under precautionary measures (weekly reporting).',
        authority: 'Terrorism circuit court',
        source: 'Defence lawyer',
        verification: 'confirmed',
      }),
    ],
  },
  // ------------------------------------------------------------------------------------ Türkiye
  {
    slug: 'tr-elif-yildirim',
    defender: {
      fullName: 'Elif Nur Yıldırım',
      otherNames: ['Elif Nur Yildirim'],
      sex: 'female',
      birthDate: '1982-03-14',
      nationality: 'TR',
      country: 'TR',
      profession: 'Human rights lawyer',
      organisation: 'Anatolian Lawyers for Justice (fictional)',
      hrdFocus: ['lawyer'],
      summary: `${FICTIONAL} Lawyer who represented detained journalists; convicted of terrorism offences, now under house arrest pending appeal.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 900, {
        description: 'Detained in dawn raids on the homes of twelve lawyers.',
        place: 'Istanbul',
        authority: 'Istanbul Police, counter-terrorism branch',
        verification: 'confirmed',
        source: 'Bar association statement',
      }),
      ev('charge', 895, {
        legalBasis: 'Penal Code, art. 314(2); Anti-Terror Law No. 3713',
        charges: ['membership of an armed terrorist organisation'],
        source: 'Indictment',
        verification: 'confirmed',
      }),
      ev('trial', 600, {
        description: 'Trial opened before a heavy penal court.',
        authority: 'Istanbul 37th Heavy Penal Court',
        source: 'Trial monitor',
      }),
      ev('verdict', 540, {
        description: 'Convicted.',
        authority: 'Istanbul 37th Heavy Penal Court',
        source: 'Trial monitor',
        verification: 'confirmed',
      }),
      ev('sentence', 540, {
        sentence: '9 years 4 months',
        source: 'Judgment',
        verification: 'confirmed',
      }),
      ev('appeal', 400, {
        description: 'Appeal lodged with the regional court.',
        source: 'Lawyer',
      }),
      ev('conditional_release', 90, {
        description: 'Released to house arrest on health grounds pending appeal.',
        source: 'Lawyer',
        verification: 'confirmed',
      }),
    ],
  },
  {
    slug: 'tr-baris-ozturk',
    defender: {
      fullName: 'Barış Öztürk',
      otherNames: ['Baris Ozturk'],
      sex: 'male',
      birthYear: 1993,
      nationality: 'TR',
      country: 'TR',
      profession: 'Reporter',
      organisation: 'Yeni Ufuk Haber Ağı (fictional)',
      hrdFocus: ['journalist', 'minority_rights'],
      summary: `${FICTIONAL} Kurdish-language reporter held over his social-media posts and news coverage; first trial hearing set.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 150, {
        place: 'Diyarbakır',
        authority: 'Gendarmerie',
        source: 'Family',
        verification: 'confirmed',
      }),
      ev('charge', 148, {
        legalBasis: 'Anti-Terror Law No. 3713, art. 7(2)',
        charges: ['propaganda for a terrorist organisation'],
        source: 'Lawyer',
      }),
      ev('visit_denied', 60, {
        description: 'Lawyer refused access for three weeks.',
        source: 'Lawyer',
      }),
      ev('hearing', -35, {
        description: 'First trial hearing.',
        authority: 'Diyarbakır 5th Heavy Penal Court',
        source: 'Court notice',
        verification: 'confirmed',
      }),
    ],
  },
  {
    slug: 'tr-zeynep-kaya',
    defender: {
      fullName: 'Zeynep Kaya Demir',
      otherNames: ['Zeynep Kaya'],
      sex: 'female',
      birthYear: 1989,
      nationality: 'TR',
      country: 'TR',
      profession: 'Women’s rights campaigner',
      organisation: 'Mor Atkı Kolektifi (fictional women’s platform)',
      hrdFocus: ['womens_rights'],
      summary: `${FICTIONAL} Organiser of protests against femicide. Released with a travel ban, then re-arrested after a 25 November march.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 700, {
        description: 'Detained at an 8 March march.',
        place: 'Ankara',
        authority: 'Police',
        verification: 'confirmed',
        source: 'Video and witnesses',
      }),
      ev('release', 690, {
        description: 'Released under judicial control with a travel ban.',
        source: 'Lawyer',
        verification: 'confirmed',
      }),
      ev('rearrest', 60, {
        description: 'Re-arrested after a march against violence against women.',
        place: 'Ankara',
        authority: 'Police',
        source: 'Witnesses',
      }),
      ev('charge', 58, {
        legalBasis: 'Law No. 2911 on Meetings and Demonstrations',
        charges: ['violating the law on meetings and demonstrations'],
        source: 'Lawyer',
      }),
    ],
  },
  // --------------------------------------------------------------------------------------- Iran
  {
    slug: 'ir-shirin-rahimi',
    defender: {
      fullName: 'Shirin Rahimi',
      otherNames: ['شیرین رحیمی'],
      sex: 'female',
      birthYear: 1984,
      nationality: 'IR',
      country: 'IR',
      profession: 'Sociologist, women’s rights defender',
      hrdFocus: ['womens_rights'],
      summary: `${FICTIONAL} Campaigner against compulsory veiling laws, sentenced by a Revolutionary Court; denied medical care and family visits.`,
      riskLevel: 'critical',
      access: 'restricted',
    },
    events: [
      ev('arrest', 800, {
        place: 'Tehran',
        authority: 'Ministry of Intelligence',
        source: 'Family',
        verification: 'confirmed',
      }),
      ev('charge', 795, {
        legalBasis: 'Islamic Penal Code, arts. 500 and 610',
        charges: [
          'propaganda against the state',
          'assembly and collusion against national security',
        ],
        source: 'Lawyer',
      }),
      ev('trial', 600, {
        description: 'Ten-minute trial; her lawyer was not allowed to speak.',
        authority: 'Revolutionary Court, Branch 26',
        source: 'Lawyer',
      }),
      ev('verdict', 590, { authority: 'Revolutionary Court, Branch 26', source: 'Lawyer' }),
      ev('sentence', 590, {
        sentence: '6 years’ imprisonment and a 2-year travel ban',
        source: 'Lawyer',
        verification: 'confirmed',
      }),
      ev('transfer', 500, { place: 'Women’s prison outside Tehran', source: 'Family' }),
      ev('ill_treatment', 450, {
        description: 'Prolonged solitary confinement and interrogations at night.',
        source: 'Former cellmate',
        verification: 'unverified',
      }),
      ev('visit_denied', 300, { description: 'Family visits suspended.', source: 'Family' }),
      ev('hunger_strike', 100, { source: 'Family', verification: 'unverified' }),
    ],
  },
  {
    slug: 'ir-arash-tavakoli',
    defender: {
      fullName: 'Arash Tavakoli',
      otherNames: ['آرش توکلی'],
      sex: 'male',
      birthYear: 1976,
      nationality: 'IR',
      country: 'IR',
      profession: 'Teacher, trade unionist',
      organisation: 'Teachers’ Guild of Khorasan (fictional)',
      hrdFocus: ['labour_rights'],
      summary: `${FICTIONAL} Teachers’ union leader imprisoned for organising strikes over pay; released at the end of his sentence.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 1200, {
        place: 'Mashhad',
        authority: 'Ministry of Intelligence',
        source: 'Union',
      }),
      ev('charge', 1195, {
        legalBasis: 'Islamic Penal Code, art. 610',
        charges: ['assembly and collusion against national security'],
        source: 'Union',
      }),
      ev('verdict', 1000, { authority: 'Revolutionary Court', source: 'Lawyer' }),
      ev('sentence', 1000, {
        sentence: '2 years 6 months',
        source: 'Lawyer',
        verification: 'confirmed',
      }),
      ev('health_concern', 700, {
        description: 'Untreated kidney condition.',
        source: 'Family',
      }),
      ev('release', 400, {
        description: 'Released at the end of his sentence; dismissed from teaching.',
        source: 'Family',
        verification: 'confirmed',
      }),
    ],
  },
  {
    slug: 'ir-leila-moradi',
    defender: {
      fullName: 'Leila Moradi',
      otherNames: ['لیلا مرادی', 'Leyla Moradî'],
      sex: 'female',
      birthYear: 1998,
      nationality: 'IR',
      country: 'IR',
      profession: 'Student, Kurdish-language teacher',
      hrdFocus: ['minority_rights', 'student'],
      summary: `${FICTIONAL} Taught Kurdish to children; taken from her home by plain-clothes agents. The authorities deny holding her.`,
      riskLevel: 'critical',
      access: 'restricted',
    },
    events: [
      ev('disappearance', 45, {
        description:
          'Taken from her family home by plain-clothes agents; the authorities deny holding her and her whereabouts are unknown.',
        place: 'Sanandaj',
        source: 'Family',
      }),
      ev('visit_denied', 30, {
        description: 'Family turned away at the intelligence office and the central prison.',
        source: 'Family',
      }),
    ],
  },
  // ------------------------------------------------------------------------------------ Belarus
  {
    slug: 'by-alyaksandr-karpovich',
    defender: {
      fullName: 'Alyaksandr Karpovich',
      otherNames: ['Аляксандр Карповіч', 'Александр Карпович'],
      sex: 'male',
      birthYear: 1979,
      nationality: 'BY',
      country: 'BY',
      profession: 'Engineer, election observer',
      hrdFocus: ['pro_democracy'],
      summary: `${FICTIONAL} Independent election observer sentenced after peaceful post-election protests; held incommunicado in a penal colony.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 1500, { place: 'Minsk', authority: 'GUBOPiK', source: 'Family' }),
      ev('charge', 1495, {
        legalBasis: 'Criminal Code, art. 342',
        charges: ['organising actions grossly violating public order'],
        source: 'Lawyer',
      }),
      ev('trial', 1300, { authority: 'Minsk City Court', source: 'Trial monitor' }),
      ev('verdict', 1290, { authority: 'Minsk City Court', source: 'Trial monitor' }),
      ev('sentence', 1290, {
        sentence: '5 years in a general-regime penal colony',
        source: 'Court press release',
        verification: 'confirmed',
      }),
      ev('transfer', 1200, { place: 'Penal colony, Homiel region', source: 'Family' }),
      ev('visit_denied', 600, {
        description: 'Held incommunicado: no letters, calls or visits since.',
        source: 'Family',
      }),
    ],
  },
  {
    slug: 'by-volha-sidarenka',
    defender: {
      fullName: 'Volha Sidarenka',
      otherNames: ['Вольга Сідарэнка', 'Ольга Сидоренко'],
      sex: 'female',
      birthYear: 1968,
      nationality: 'BY',
      country: 'BY',
      profession: 'Human rights monitor',
      organisation: 'Homiel Civic Monitors (fictional)',
      hrdFocus: ['other', 'pro_democracy'],
      summary: `${FICTIONAL} Documented arrests of protesters; pardoned and released after nearly three years.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 1000, { place: 'Homiel', authority: 'KGB', source: 'Colleagues' }),
      ev('charge', 998, {
        legalBasis: 'Criminal Code, art. 243',
        charges: ['tax evasion'],
        source: 'Lawyer',
      }),
      ev('sentence', 800, { sentence: '3 years', source: 'Court', verification: 'confirmed' }),
      ev('release', 30, {
        description: 'Pardoned and released.',
        source: 'Family',
        verification: 'confirmed',
      }),
    ],
  },
  {
    slug: 'by-ihar-zhuk',
    defender: {
      fullName: 'Ihar Zhuk',
      otherNames: ['Ігар Жук', 'Игорь Жук'],
      sex: 'male',
      birthYear: 1990,
      nationality: 'BY',
      country: 'BY',
      profession: 'Journalist',
      hrdFocus: ['journalist'],
      summary: `${FICTIONAL} Regional journalist convicted over his Telegram channel, designated “extremist”.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 500, { place: 'Brest', authority: 'GUBOPiK', source: 'Colleagues' }),
      ev('charge', 495, {
        legalBasis: 'Criminal Code, art. 361-1',
        charges: ['creating an extremist formation'],
        source: 'Lawyer',
      }),
      ev('hearing', 400, { authority: 'Brest Regional Court', source: 'Trial monitor' }),
      ev('verdict', 380, { authority: 'Brest Regional Court', source: 'Trial monitor' }),
      ev('sentence', 380, { sentence: '4 years', source: 'Court', verification: 'confirmed' }),
      ev('appeal', 300, { description: 'Appeal rejected.', source: 'Lawyer' }),
    ],
  },
  // ------------------------------------------------------------------------------------ Vietnam
  {
    slug: 'vn-tran-thi-lan',
    defender: {
      fullName: 'Trần Thị Lan',
      otherNames: ['Tran Thi Lan'],
      sex: 'female',
      birthYear: 1980,
      nationality: 'VN',
      country: 'VN',
      profession: 'Environmental blogger',
      hrdFocus: ['environmental'],
      summary: `${FICTIONAL} Blogged about an industrial spill that killed fish along the coast; sentenced for anti-state propaganda.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 700, {
        place: 'Hà Tĩnh',
        authority: 'Provincial Public Security',
        source: 'Family',
      }),
      ev('charge', 698, {
        legalBasis: 'Penal Code 2015, art. 117',
        charges: ['making, storing, disseminating anti-state propaganda'],
        source: 'State media',
        verification: 'confirmed',
      }),
      ev('trial', 500, { authority: 'Hà Tĩnh People’s Court', source: 'State media' }),
      ev('verdict', 500, { authority: 'Hà Tĩnh People’s Court', source: 'State media' }),
      ev('sentence', 500, {
        sentence: '7 years plus 3 years’ probation',
        source: 'State media',
        verification: 'confirmed',
      }),
      ev('transfer', 350, { place: 'Prison camp, Thanh Hóa province', source: 'Family' }),
    ],
  },
  {
    slug: 'vn-nguyen-van-duc',
    defender: {
      fullName: 'Nguyễn Văn Đức',
      otherNames: ['Nguyen Van Duc'],
      sex: 'male',
      birthYear: 1966,
      nationality: 'VN',
      country: 'VN',
      profession: 'Farmer, land rights petitioner',
      hrdFocus: ['land_rights'],
      summary: `${FICTIONAL} Led villagers petitioning against the seizure of their farmland; trial scheduled.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 300, {
        place: 'Hà Nội',
        authority: 'City Public Security',
        source: 'Villagers',
      }),
      ev('charge', 298, {
        legalBasis: 'Penal Code 2015, art. 331',
        charges: ['abusing democratic freedoms to infringe upon the interests of the State'],
        source: 'Family',
      }),
      ev('trial', -50, {
        description: 'Trial scheduled.',
        authority: 'Hà Nội People’s Court',
        source: 'Lawyer',
        verification: 'unverified',
      }),
    ],
  },
  {
    slug: 'vn-pham-minh-hieu',
    defender: {
      fullName: 'Phạm Minh Hiếu',
      otherNames: ['Pham Minh Hieu'],
      sex: 'male',
      birthYear: 1972,
      nationality: 'VN',
      country: 'VN',
      profession: 'Labour organiser',
      hrdFocus: ['labour_rights'],
      summary: `${FICTIONAL} Helped factory workers organise independently; released after serving his sentence, in poor health.`,
      riskLevel: 'low',
    },
    events: [
      ev('arrest', 2000, {
        place: 'Bình Dương',
        authority: 'Provincial Public Security',
        source: 'Family',
      }),
      ev('sentence', 1800, {
        legalBasis: 'Penal Code 2015, art. 118',
        sentence: '5 years',
        charges: ['disrupting security'],
        source: 'State media',
        verification: 'confirmed',
      }),
      ev('health_concern', 900, { description: 'Tuberculosis, treated late.', source: 'Family' }),
      ev('release', 200, { description: 'Released at the end of his sentence.', source: 'Family' }),
    ],
  },
  // ---------------------------------------------------------------------------------- Nicaragua
  {
    slug: 'ni-maria-jose-lopez',
    defender: {
      fullName: 'María José López Rivas',
      otherNames: ['Majo López'],
      sex: 'female',
      birthYear: 2000,
      nationality: 'NI',
      country: 'NI',
      profession: 'Student leader',
      organisation: 'Red Estudiantil Rubén Darío (fictional)',
      hrdFocus: ['student', 'pro_democracy'],
      summary: `${FICTIONAL} Student leader convicted of conspiracy; released and expelled from the country, stripped of her nationality.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 800, { place: 'Managua', authority: 'National Police', source: 'Family' }),
      ev('charge', 795, {
        legalBasis: 'Law No. 1055; Penal Code, art. 410',
        charges: ['conspiracy to undermine national integrity'],
        source: 'Lawyer',
      }),
      ev('trial', 700, {
        description: 'Closed-door trial inside the prison.',
        authority: 'Managua Criminal Court',
        source: 'Lawyer',
      }),
      ev('verdict', 690, { source: 'Lawyer' }),
      ev('sentence', 690, { sentence: '10 years', source: 'Lawyer', verification: 'confirmed' }),
      ev('release', 400, {
        description: 'Released and put on a flight abroad; nationality revoked.',
        source: 'Herself',
        verification: 'confirmed',
      }),
    ],
  },
  {
    slug: 'ni-aurelio-kingsman',
    defender: {
      fullName: 'Aurelio Kingsman Pérez',
      otherNames: ['Aurelio Kingsman Perez'],
      sex: 'male',
      birthYear: 1961,
      nationality: 'NI',
      country: 'NI',
      profession: 'Miskitu community leader',
      hrdFocus: ['indigenous_rights', 'land_rights'],
      summary: `${FICTIONAL} Indigenous leader who denounced settler invasions of communal land; held without contact with his family.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 250, { place: 'Bilwi', authority: 'National Police', source: 'Community' }),
      ev('charge', 245, {
        legalBasis: 'Law No. 1055',
        charges: ['spreading false news', 'undermining national integrity'],
        source: 'Community',
        verification: 'unverified',
      }),
      ev('visit_denied', 200, { description: 'No family visits allowed.', source: 'Family' }),
    ],
  },
  // ----------------------------------------------------------------------------------- Ethiopia
  {
    slug: 'et-meron-tesfaye',
    defender: {
      fullName: 'Meron Tesfaye Alemu',
      otherNames: ['ሜሮን ተስፋዬ አለሙ'],
      sex: 'female',
      birthYear: 1994,
      nationality: 'ET',
      country: 'ET',
      profession: 'Journalist, YouTube news channel founder',
      hrdFocus: ['journalist'],
      summary: `${FICTIONAL} Founder of an online news channel covering the conflict; held under the anti-terrorism law.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 90, { place: 'Addis Ababa', authority: 'Federal Police', source: 'Colleagues' }),
      ev('charge', 85, {
        legalBasis: 'Prevention and Suppression of Terrorism Crimes Proclamation No. 1176/2020',
        charges: ['terrorism'],
        source: 'Lawyer',
      }),
      ev('hearing', 40, {
        description: 'Police granted 14 more days to investigate.',
        authority: 'Federal First Instance Court',
        source: 'Lawyer',
      }),
      ev('hearing', -14, {
        description: 'Bail hearing.',
        authority: 'Federal High Court',
        source: 'Lawyer',
        verification: 'unverified',
      }),
    ],
  },
  {
    slug: 'et-dawit-gebremariam',
    defender: {
      fullName: 'Dawit Gebremariam',
      otherNames: ['ዳዊት ገብረማርያም'],
      sex: 'male',
      birthYear: 1985,
      nationality: 'ET',
      country: 'ET',
      profession: 'Lawyer',
      hrdFocus: ['lawyer', 'minority_rights'],
      summary: `${FICTIONAL} Lawyer for detained members of an ethnic minority; released on bail, then re-arrested when he filed a habeas corpus petition.`,
      riskLevel: 'high',
    },
    events: [
      ev('arrest', 400, {
        place: 'Addis Ababa',
        authority: 'Federal Police',
        source: 'Bar association',
      }),
      ev('conditional_release', 380, { description: 'Released on bail.', source: 'Lawyer' }),
      ev('rearrest', 200, {
        description: 'Re-arrested at the courthouse after filing a habeas corpus petition.',
        source: 'Colleagues',
      }),
      ev('transfer', 150, {
        place: 'Military camp (unofficial place of detention)',
        source: 'Family',
      }),
    ],
  },
  {
    slug: 'et-tadesse-worku',
    defender: {
      fullName: 'Tadesse Worku Haile',
      otherNames: ['ታደሰ ወርቁ ኃይሌ'],
      sex: 'male',
      birthYear: 1958,
      nationality: 'ET',
      country: 'ET',
      profession: 'Farmer, land rights campaigner',
      hrdFocus: ['land_rights', 'environmental'],
      summary: `${FICTIONAL} Opposed forced evictions for a plantation. Died in custody after being denied medical care.`,
      riskLevel: 'critical',
    },
    events: [
      ev('arrest', 700, {
        place: 'Gambella',
        authority: 'Regional Special Police',
        source: 'Community',
      }),
      ev('health_concern', 300, {
        description: 'Diabetes; insulin withheld for weeks.',
        source: 'Family',
      }),
      ev('visit_denied', 250, { source: 'Family' }),
      ev('death', 120, {
        description:
          'Died in custody. The family reports that medical care was denied; the authorities cite heart failure.',
        source: 'Family',
        verification: 'confirmed',
      }),
    ],
  },
  // ------------------------------------------------------------------------------------ Bahrain
  {
    slug: 'bh-ali-al-mahroos',
    defender: {
      fullName: 'Ali Hasan Al-Mahroos',
      otherNames: ['علي حسن المحروس'],
      sex: 'male',
      birthYear: 1970,
      nationality: 'BH',
      country: 'BH',
      profession: 'Human rights defender, former teacher',
      hrdFocus: ['pro_democracy'],
      summary: `${FICTIONAL} Serving a life sentence for leading peaceful pro-democracy protests; chronic illness, repeated hunger strikes.`,
      riskLevel: 'critical',
      access: 'restricted',
    },
    events: [
      ev('arrest', 3000, {
        place: 'Manama',
        authority: 'National Security Agency',
        source: 'Family',
      }),
      ev('ill_treatment', 2990, {
        description: 'Reports torture during interrogation.',
        source: 'Himself, via family',
        verification: 'unverified',
      }),
      ev('trial', 2800, { authority: 'High Criminal Court', source: 'Trial monitor' }),
      ev('verdict', 2790, { authority: 'High Criminal Court', source: 'Trial monitor' }),
      ev('sentence', 2790, {
        sentence: 'Life imprisonment',
        source: 'Court',
        verification: 'confirmed',
      }),
      ev('hunger_strike', 500, {
        description: 'Protesting denial of medical care.',
        source: 'Family',
      }),
      ev('health_concern', 60, {
        description: 'Heart condition, hospital visits cancelled.',
        source: 'Family',
      }),
    ],
  },
  {
    slug: 'bh-fatema-al-aradi',
    defender: {
      fullName: 'Fatema Jaafar Al-Aradi',
      otherNames: ['فاطمة جعفر العرادي'],
      sex: 'female',
      birthYear: 1986,
      nationality: 'BH',
      country: 'BH',
      profession: 'Women’s rights activist',
      hrdFocus: ['womens_rights'],
      summary: `${FICTIONAL} Sentenced over social-media posts; released under the alternative sentencing law.`,
      riskLevel: 'low',
    },
    events: [
      ev('arrest', 400, { place: 'Manama', authority: 'Cybercrime Directorate', source: 'Family' }),
      ev('sentence', 320, {
        legalBasis: 'Penal Code, art. 215',
        charges: ['insulting a foreign country'],
        sentence: '1 year',
        source: 'Court',
        verification: 'confirmed',
      }),
      ev('conditional_release', 100, {
        description: 'Released under the alternative sentencing law (community service).',
        legalBasis: 'Law No. 18 of 2017 on alternative sanctions',
        source: 'Family',
      }),
    ],
  },
  // ------------------------------------------------------------------- Azerbaijan (a group of two)
  {
    slug: 'az-rashad-huseynli',
    defender: {
      fullName: 'Rashad Huseynli',
      otherNames: ['Rəşad Hüseynli'],
      sex: 'male',
      birthYear: 1988,
      nationality: 'AZ',
      country: 'AZ',
      profession: 'Investigative journalist',
      organisation: 'Khazar Investigations (fictional)',
      hrdFocus: ['journalist'],
      summary: `${FICTIONAL} One of two reporters of an investigative outlet arrested on the same day on fabricated smuggling charges.`,
      riskLevel: 'high',
      tags: [AZ_GROUP],
    },
    events: [
      ev('arrest', 500, {
        place: 'Baku',
        authority: 'Baku City Police',
        source: 'Outlet',
        verification: 'confirmed',
      }),
      ev('charge', 498, { legalBasis: AZ_LAW, charges: AZ_CHARGES, source: 'Lawyer' }),
      ev('trial', 300, { authority: 'Baku Grave Crimes Court', source: 'Trial monitor' }),
      ev('verdict', 280, { authority: 'Baku Grave Crimes Court', source: 'Trial monitor' }),
      ev('sentence', 280, { sentence: '8 years', source: 'Court', verification: 'confirmed' }),
    ],
  },
  {
    slug: 'az-sevinj-abbasova',
    defender: {
      fullName: 'Sevinj Abbasova',
      otherNames: ['Sevinc Abbasova'],
      sex: 'female',
      birthYear: 1992,
      nationality: 'AZ',
      country: 'AZ',
      profession: 'Editor',
      organisation: 'Khazar Investigations (fictional)',
      hrdFocus: ['journalist'],
      summary: `${FICTIONAL} Editor arrested with a colleague on the same day; on hunger strike against her sentence.`,
      riskLevel: 'high',
      tags: [AZ_GROUP],
    },
    events: [
      ev('arrest', 500, {
        place: 'Baku',
        authority: 'Baku City Police',
        source: 'Outlet',
        verification: 'confirmed',
      }),
      ev('charge', 498, { legalBasis: AZ_LAW, charges: AZ_CHARGES, source: 'Lawyer' }),
      ev('trial', 300, { authority: 'Baku Grave Crimes Court', source: 'Trial monitor' }),
      ev('verdict', 280, { authority: 'Baku Grave Crimes Court', source: 'Trial monitor' }),
      ev('sentence', 280, { sentence: '9 years', source: 'Court', verification: 'confirmed' }),
      ev('hunger_strike', 150, { source: 'Family', verification: 'unverified' }),
    ],
  },
  // -------------------------------------------------------------------------------------- China
  {
    slug: 'cn-liu-xiaoyan',
    defender: {
      fullName: 'Liu Xiaoyan',
      otherNames: ['刘晓燕'],
      sex: 'female',
      birthYear: 1975,
      nationality: 'CN',
      country: 'CN',
      profession: 'Human rights lawyer',
      hrdFocus: ['lawyer'],
      summary: `${FICTIONAL} Lawyer who took on religious freedom cases; released after her sentence, now under constant surveillance.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 1600, {
        description: 'Placed under residential surveillance at a designated location.',
        place: 'Beijing',
        authority: 'Public Security Bureau',
        source: 'Family',
      }),
      ev('charge', 1400, {
        legalBasis: 'Criminal Law, art. 105',
        charges: ['subversion of state power'],
        source: 'Family',
      }),
      ev('trial', 1000, {
        description: 'Closed trial.',
        authority: 'Intermediate People’s Court',
        source: 'Family',
      }),
      ev('sentence', 900, {
        sentence: '4 years 6 months',
        source: 'Court',
        verification: 'confirmed',
      }),
      ev('release', 250, { source: 'Family', verification: 'confirmed' }),
      ev('house_arrest', 240, {
        description: 'Under house arrest: guards outside her home, phone cut off.',
        place: 'Her home, Beijing',
        authority: 'Public Security Bureau',
        source: 'Neighbours',
        verification: 'unverified',
      }),
    ],
  },
  {
    slug: 'cn-nurmemet-qasim',
    defender: {
      fullName: 'Nurmemet Qasim',
      otherNames: ['نۇرمەمەت قاسىم', '努尔买买提·卡斯木'],
      sex: 'male',
      birthYear: 1969,
      nationality: 'CN',
      country: 'CN',
      profession: 'Writer, Uyghur-language publisher',
      hrdFocus: ['minority_rights'],
      summary: `${FICTIONAL} Publisher of Uyghur-language books. Family lost contact years ago; no official information on whether, or where, he is held.`,
      riskLevel: 'critical',
      access: 'restricted',
    },
    events: [
      ev('other', 2200, {
        description: 'Family abroad lost contact; believed detained, no official confirmation.',
        source: 'Relative abroad',
        verification: 'unverified',
      }),
      ev('visit_denied', 1500, {
        description: 'Authorities refuse to answer the family’s enquiries.',
        source: 'Relative abroad',
        verification: 'unverified',
      }),
    ],
  },
  // ------------------------------------------------------------------------------- Saudi Arabia
  {
    slug: 'sa-reem-al-subaie',
    defender: {
      fullName: 'Reem Khalid Al-Subaie',
      otherNames: ['ريم خالد السبيعي'],
      sex: 'female',
      birthYear: 1983,
      nationality: 'SA',
      country: 'SA',
      profession: 'PhD student, women’s rights activist',
      hrdFocus: ['womens_rights', 'student'],
      summary: `${FICTIONAL} Sentenced by the Specialized Criminal Court for tweets supporting women’s rights activists.`,
      riskLevel: 'critical',
      access: 'restricted',
    },
    events: [
      ev('arrest', 1100, {
        place: 'Riyadh',
        authority: 'State Security Presidency',
        source: 'Family',
      }),
      ev('charge', 1050, {
        legalBasis: 'Counter-Terrorism Law (2017); Anti-Cyber Crime Law, art. 6',
        charges: ['disturbing public order', 'supporting those who seek to disturb public order'],
        source: 'Court documents',
      }),
      ev('trial', 900, { authority: 'Specialized Criminal Court', source: 'Court documents' }),
      ev('verdict', 850, { authority: 'Specialized Criminal Court', source: 'Court documents' }),
      ev('sentence', 850, {
        sentence: '11 years followed by an 11-year travel ban',
        source: 'Court documents',
        verification: 'confirmed',
      }),
      ev('appeal', 700, { description: 'Sentence upheld on appeal.', source: 'Family' }),
    ],
  },
  {
    slug: 'sa-abdullah-al-harbi',
    defender: {
      fullName: 'Abdullah Fahad Al-Harbi',
      otherNames: ['عبدالله فهد الحربي'],
      sex: 'male',
      birthYear: 1965,
      nationality: 'SA',
      country: 'SA',
      profession: 'Economist, reform petitioner',
      hrdFocus: ['pro_democracy'],
      summary: `${FICTIONAL} Co-signed a petition for a constitutional monarchy; released after serving his sentence, under a travel ban.`,
      riskLevel: 'low',
    },
    events: [
      ev('arrest', 2500, {
        place: 'Jeddah',
        authority: 'State Security Presidency',
        source: 'Family',
      }),
      ev('sentence', 2300, {
        sentence: '7 years and a 7-year travel ban',
        source: 'Court documents',
        verification: 'confirmed',
      }),
      ev('release', 30, {
        description: 'Released at the end of his sentence; travel ban in force.',
        source: 'Family',
        verification: 'confirmed',
      }),
    ],
  },
  // -------------------------------------------------------------------------------------- Kenya
  {
    slug: 'ke-grace-wanjiru-mwangi',
    defender: {
      fullName: 'Grace Wanjiru Mwangi',
      otherNames: ['Shiro'],
      sex: 'female',
      birthYear: 1990,
      nationality: 'KE',
      country: 'KE',
      profession: 'Environmental defender',
      organisation: 'Mau Forest Guardians (fictional)',
      hrdFocus: ['environmental', 'land_rights'],
      summary: `${FICTIONAL} Arrested at a protest against logging in a protected forest; out on police cash bail.`,
      riskLevel: 'medium',
    },
    events: [
      ev('arrest', 20, { place: 'Nakuru', authority: 'Kenya Police Service', source: 'Witnesses' }),
      ev('charge', 18, {
        legalBasis: 'Penal Code, s. 79',
        charges: ['unlawful assembly'],
        source: 'Charge sheet',
        verification: 'confirmed',
      }),
      ev('conditional_release', 15, {
        description: 'Released on police cash bail.',
        source: 'Lawyer',
      }),
      ev('hearing', -25, {
        description: 'Plea hearing.',
        authority: 'Nakuru Magistrates’ Court',
        source: 'Charge sheet',
        verification: 'confirmed',
      }),
    ],
  },
  {
    slug: 'ke-brian-otieno-ochieng',
    defender: {
      fullName: 'Brian Otieno Ochieng',
      sex: 'non_binary',
      birthYear: 1997,
      nationality: 'KE',
      country: 'KE',
      profession: 'Community health worker',
      organisation: 'Lake Region Pride Collective (fictional)',
      hrdFocus: ['lgbtqi_rights'],
      summary: `${FICTIONAL} LGBTQI+ health outreach worker arrested at a community clinic; charges withdrawn.`,
      riskLevel: 'low',
    },
    events: [
      ev('arrest', 200, {
        place: 'Kisumu',
        authority: 'Kenya Police Service',
        source: 'Colleagues',
      }),
      ev('charge', 199, {
        legalBasis: 'Penal Code, s. 165',
        charges: ['indecent practices'],
        source: 'Charge sheet',
      }),
      ev('hearing', 150, { authority: 'Kisumu Law Courts', source: 'Lawyer' }),
      ev('release', 140, {
        description: 'Charges withdrawn by the prosecution; released.',
        source: 'Lawyer',
        verification: 'confirmed',
      }),
    ],
  },
];

/** The slice of the platform the seed needs: config, clock, database, domain services. */
@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    ClockModule,
    DatabaseModule,
    CryptoModule,
    AuditModule,
    // Features announce what changed; milestones, reminders and unpublishing listen.
    EventsModule,
    DomainListenersModule,
    DefendersModule,
    DetentionModule,
    ConsentsModule,
    EscalationsModule,
    UsersModule,
  ],
})
class SeedModule {}

function shiftDate(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
  if (env.MIGRATIONS_RUN)
    await migrate(ownerUrl(env), undefined, { appRole: env.DATABASE_APP_ROLE });

  const app = await NestFactory.createApplicationContext(SeedModule, {
    logger: ['error', 'warn'],
  });
  let created = 0;
  let present = 0;
  let events = 0;
  const incomplete: string[] = [];
  let un: UnSeedResult | undefined;
  let accounts: DemoAccountsResult | undefined;
  try {
    const defenders = app.get(DefendersService);
    const detention = app.get(DetentionService);
    const today = app.get(Clock).today();

    for (const demo of DEMO) {
      const key = `demo:${demo.slug}`;
      const existing = await defenders.list({ tag: key, archived: true, limit: 1 }, SYSTEM_ACTOR);
      if (existing.data.length > 0) {
        present++;
        const found = existing.data[0];
        if (
          !found.archivedAt &&
          (await detention.list(found.id, SYSTEM_ACTOR)).length < demo.events.length
        ) {
          incomplete.push(demo.slug);
        }
        continue;
      }
      const tags = ['demo', key, ...(demo.defender.tags ?? [])];
      const defender = await defenders.create({ ...demo.defender, tags }, SYSTEM_ACTOR);
      try {
        for (const { daysAgo, ...event } of demo.events) {
          await detention.add(
            defender.id,
            { ...event, occurredOn: shiftDate(today, -daysAgo) },
            SYSTEM_ACTOR,
          );
          events++;
        }
      } catch (err) {
        // Do not leave a half-built record that a rerun would skip: drop its key and archive it.
        const current = await defenders.get(defender.id, SYSTEM_ACTOR);
        await defenders.update(
          defender.id,
          { tags: ['demo', 'demo:incomplete'] },
          current.version,
          SYSTEM_ACTOR,
        );
        await defenders.archive(defender.id, SYSTEM_ACTOR);
        throw err;
      }
      created++;
    }
    un = await seedUnDemo(app, today, (daysAgo) => shiftDate(today, -daysAgo), EG_GROUP);
    accounts = await seedDemoAccounts(app, env.NODE_ENV);
  } finally {
    await app.close();
  }

  const db = new URL(env.DATABASE_URL).pathname.slice(1);
  const countries = new Set(DEMO.map((d) => d.defender.country)).size;
  console.log(
    `seed:demo: ${DEMO.length} fictional demo defenders in ${countries} countries ` +
      `(${created} created with ${events} timeline events, ${present} already present) in database "${db}"` +
      (incomplete.length ? `; WARNING incomplete timelines: ${incomplete.join(', ')}` : '') +
      `; ${un?.escalationsCreated ?? 0} demo WGAD escalations created (one per stage, a group, ` +
      `and the complete case ${un?.completeCaseId ?? '?'})`,
  );
  if (accounts) for (const line of demoLoginLines(accounts)) console.log(line);
}

main().catch((err) => {
  console.error('seed:demo failed:', err);
  process.exit(1);
});
