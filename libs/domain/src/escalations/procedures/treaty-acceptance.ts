/**
 * Whether a State accepts a treaty body's individual procedure (docs/procedures.md). A treaty
 * body takes a communication, an urgent action or a request for interim measures only against
 * a State party that accepted the procedure: ratified the optional protocol, or made the
 * declaration the treaty asks for. This is a small table of the States the campaign works on,
 * checked against the UN Treaty Collection (status of ratification); a State not listed is
 * "unknown" (check the treaty body database before submitting), never assumed either way.
 * Denunciations count from the date they took effect.
 */

/** The instruments that open an individual procedure. */
export const TREATY_INSTRUMENTS = {
  /** Human Rights Committee: first Optional Protocol to the ICCPR. */
  hrcttee: 'ICCPR first Optional Protocol',
  /** Committee against Torture: the declaration under art. 22 of the Convention. */
  cat: 'CAT art. 22 declaration',
  /** CEDAW Committee: the Optional Protocol to the Convention. */
  cedaw: 'CEDAW Optional Protocol',
  /** CED: individual communications need the declaration under art. 31. */
  ced: 'ICPPED art. 31 declaration',
  /** CED urgent actions (art. 30) need only that the State be party to the Convention. */
  ced_party: 'ICPPED (State party)',
} as const;
export type TreatyInstrument = keyof typeof TREATY_INSTRUMENTS;

/**
 * ISO 3166-1 alpha-2 codes: who accepted, who did not (not party, or no declaration). Each
 * list sorted, the two disjoint (treaty-acceptance.spec.ts).
 */
export const TREATY_ACCEPTANCE: Readonly<
  Record<TreatyInstrument, { yes: readonly string[]; no: readonly string[] }>
> = {
  hrcttee: {
    yes: ['AR', 'AZ', 'CO', 'DE', 'DZ', 'ES', 'FR', 'MX', 'NI', 'PH', 'RU', 'TN', 'TR', 'VE'],
    // BY denounced the Protocol (effective 8 February 2023); CN, SA, AE are not ICCPR parties.
    no: ['AE', 'BH', 'BY', 'CN', 'EG', 'ET', 'GB', 'IN', 'IR', 'KE', 'MA', 'SA', 'US', 'VN'],
  },
  cat: {
    yes: ['AR', 'AZ', 'DE', 'DZ', 'ES', 'FR', 'MA', 'MX', 'RU', 'TN', 'TR', 'VE'],
    no: ['BH', 'CN', 'EG', 'ET', 'GB', 'IN', 'IR', 'KE', 'SA', 'US', 'VN'],
  },
  cedaw: {
    yes: ['AR', 'AZ', 'BY', 'CO', 'DE', 'ES', 'FR', 'GB', 'MX', 'PH', 'RU', 'TN', 'TR'],
    no: ['AE', 'BH', 'CN', 'EG', 'IN', 'IR', 'SA', 'US', 'VN'],
  },
  ced: {
    yes: ['AR', 'ES', 'FR', 'MX'],
    no: ['BH', 'CN', 'EG', 'GB', 'IN', 'IR', 'RU', 'SA', 'TR', 'US', 'VN'],
  },
  ced_party: {
    yes: ['AR', 'DE', 'ES', 'FR', 'MA', 'MX', 'TN'],
    no: ['BH', 'CN', 'EG', 'GB', 'IN', 'IR', 'RU', 'SA', 'TR', 'US', 'VN'],
  },
};

/** Does `country` accept the procedure? null when the table does not say. */
export function acceptsProcedure(instrument: TreatyInstrument, country: string): boolean | null {
  const c = country.toUpperCase();
  const row = TREATY_ACCEPTANCE[instrument];
  if (row.yes.includes(c)) return true;
  if (row.no.includes(c)) return false;
  return null;
}

/** The instrument an escalation of this kind to this mechanism needs the State to accept. */
export function instrumentFor(kind: string, mechanism: string): TreatyInstrument | null {
  if (kind === 'ced_urgent_action') return 'ced_party';
  if (kind !== 'treaty_communication' && kind !== 'treaty_interim_measures') return null;
  return mechanism in TREATY_INSTRUMENTS ? (mechanism as TreatyInstrument) : null;
}
