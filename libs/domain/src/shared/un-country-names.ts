/**
 * States as the United Nations names them, in English, French and Spanish: the short names of
 * the UN terminology database for the 193 Member States and the two non-member Observer States.
 * UN documents (and so the dossiers sent to the WGAD, the Special Procedures and the HRC) use
 * these, which differ from CLDR's ("Viet Nam", not "Vietnam"; "Türkiye"; "Iran (Islamic
 * Republic of)"). French and Spanish names are given as they stand in a list, without the
 * article running text puts before them ("l'Égypte", "el Afganistán").
 *
 * Keyed by ISO 3166-1 alpha-2 code. Anything else (a territory, a non-member) falls back to
 * CLDR's name in the language (`Intl.DisplayNames`), see `unCountryName`.
 */
export const UN_LANGUAGES = ['en', 'fr', 'es'] as const;
export type UnLanguage = (typeof UN_LANGUAGES)[number];

type Names = readonly [en: string, fr: string, es: string];

export const UN_MEMBER_STATES: Readonly<Record<string, Names>> = {
  AF: ['Afghanistan', 'Afghanistan', 'Afganistán'],
  AL: ['Albania', 'Albanie', 'Albania'],
  DZ: ['Algeria', 'Algérie', 'Argelia'],
  AD: ['Andorra', 'Andorre', 'Andorra'],
  AO: ['Angola', 'Angola', 'Angola'],
  AG: ['Antigua and Barbuda', 'Antigua-et-Barbuda', 'Antigua y Barbuda'],
  AR: ['Argentina', 'Argentine', 'Argentina'],
  AM: ['Armenia', 'Arménie', 'Armenia'],
  AU: ['Australia', 'Australie', 'Australia'],
  AT: ['Austria', 'Autriche', 'Austria'],
  AZ: ['Azerbaijan', 'Azerbaïdjan', 'Azerbaiyán'],
  BS: ['Bahamas', 'Bahamas', 'Bahamas'],
  BH: ['Bahrain', 'Bahreïn', 'Bahrein'],
  BD: ['Bangladesh', 'Bangladesh', 'Bangladesh'],
  BB: ['Barbados', 'Barbade', 'Barbados'],
  BY: ['Belarus', 'Bélarus', 'Belarús'],
  BE: ['Belgium', 'Belgique', 'Bélgica'],
  BZ: ['Belize', 'Belize', 'Belice'],
  BJ: ['Benin', 'Bénin', 'Benin'],
  BT: ['Bhutan', 'Bhoutan', 'Bhután'],
  BO: [
    'Bolivia (Plurinational State of)',
    'Bolivie (État plurinational de)',
    'Bolivia (Estado Plurinacional de)',
  ],
  BA: ['Bosnia and Herzegovina', 'Bosnie-Herzégovine', 'Bosnia y Herzegovina'],
  BW: ['Botswana', 'Botswana', 'Botswana'],
  BR: ['Brazil', 'Brésil', 'Brasil'],
  BN: ['Brunei Darussalam', 'Brunéi Darussalam', 'Brunei Darussalam'],
  BG: ['Bulgaria', 'Bulgarie', 'Bulgaria'],
  BF: ['Burkina Faso', 'Burkina Faso', 'Burkina Faso'],
  BI: ['Burundi', 'Burundi', 'Burundi'],
  CV: ['Cabo Verde', 'Cabo Verde', 'Cabo Verde'],
  KH: ['Cambodia', 'Cambodge', 'Camboya'],
  CM: ['Cameroon', 'Cameroun', 'Camerún'],
  CA: ['Canada', 'Canada', 'Canadá'],
  CF: ['Central African Republic', 'République centrafricaine', 'República Centroafricana'],
  TD: ['Chad', 'Tchad', 'Chad'],
  CL: ['Chile', 'Chili', 'Chile'],
  CN: ['China', 'Chine', 'China'],
  CO: ['Colombia', 'Colombie', 'Colombia'],
  KM: ['Comoros', 'Comores', 'Comoras'],
  CG: ['Congo', 'Congo', 'Congo'],
  CR: ['Costa Rica', 'Costa Rica', 'Costa Rica'],
  CI: ["Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"],
  HR: ['Croatia', 'Croatie', 'Croacia'],
  CU: ['Cuba', 'Cuba', 'Cuba'],
  CY: ['Cyprus', 'Chypre', 'Chipre'],
  CZ: ['Czechia', 'Tchéquie', 'Chequia'],
  KP: [
    "Democratic People's Republic of Korea",
    'République populaire démocratique de Corée',
    'República Popular Democrática de Corea',
  ],
  CD: [
    'Democratic Republic of the Congo',
    'République démocratique du Congo',
    'República Democrática del Congo',
  ],
  DK: ['Denmark', 'Danemark', 'Dinamarca'],
  DJ: ['Djibouti', 'Djibouti', 'Djibouti'],
  DM: ['Dominica', 'Dominique', 'Dominica'],
  DO: ['Dominican Republic', 'République dominicaine', 'República Dominicana'],
  EC: ['Ecuador', 'Équateur', 'Ecuador'],
  EG: ['Egypt', 'Égypte', 'Egipto'],
  SV: ['El Salvador', 'El Salvador', 'El Salvador'],
  GQ: ['Equatorial Guinea', 'Guinée équatoriale', 'Guinea Ecuatorial'],
  ER: ['Eritrea', 'Érythrée', 'Eritrea'],
  EE: ['Estonia', 'Estonie', 'Estonia'],
  SZ: ['Eswatini', 'Eswatini', 'Eswatini'],
  ET: ['Ethiopia', 'Éthiopie', 'Etiopía'],
  FJ: ['Fiji', 'Fidji', 'Fiji'],
  FI: ['Finland', 'Finlande', 'Finlandia'],
  FR: ['France', 'France', 'Francia'],
  GA: ['Gabon', 'Gabon', 'Gabón'],
  GM: ['Gambia', 'Gambie', 'Gambia'],
  GE: ['Georgia', 'Géorgie', 'Georgia'],
  DE: ['Germany', 'Allemagne', 'Alemania'],
  GH: ['Ghana', 'Ghana', 'Ghana'],
  GR: ['Greece', 'Grèce', 'Grecia'],
  GD: ['Grenada', 'Grenade', 'Granada'],
  GT: ['Guatemala', 'Guatemala', 'Guatemala'],
  GN: ['Guinea', 'Guinée', 'Guinea'],
  GW: ['Guinea-Bissau', 'Guinée-Bissau', 'Guinea-Bissau'],
  GY: ['Guyana', 'Guyana', 'Guyana'],
  HT: ['Haiti', 'Haïti', 'Haití'],
  HN: ['Honduras', 'Honduras', 'Honduras'],
  HU: ['Hungary', 'Hongrie', 'Hungría'],
  IS: ['Iceland', 'Islande', 'Islandia'],
  IN: ['India', 'Inde', 'India'],
  ID: ['Indonesia', 'Indonésie', 'Indonesia'],
  IR: [
    'Iran (Islamic Republic of)',
    "Iran (République islamique d')",
    'Irán (República Islámica del)',
  ],
  IQ: ['Iraq', 'Iraq', 'Iraq'],
  IE: ['Ireland', 'Irlande', 'Irlanda'],
  IL: ['Israel', 'Israël', 'Israel'],
  IT: ['Italy', 'Italie', 'Italia'],
  JM: ['Jamaica', 'Jamaïque', 'Jamaica'],
  JP: ['Japan', 'Japon', 'Japón'],
  JO: ['Jordan', 'Jordanie', 'Jordania'],
  KZ: ['Kazakhstan', 'Kazakhstan', 'Kazajstán'],
  KE: ['Kenya', 'Kenya', 'Kenya'],
  KI: ['Kiribati', 'Kiribati', 'Kiribati'],
  KW: ['Kuwait', 'Koweït', 'Kuwait'],
  KG: ['Kyrgyzstan', 'Kirghizistan', 'Kirguistán'],
  LA: [
    "Lao People's Democratic Republic",
    'République démocratique populaire lao',
    'República Democrática Popular Lao',
  ],
  LV: ['Latvia', 'Lettonie', 'Letonia'],
  LB: ['Lebanon', 'Liban', 'Líbano'],
  LS: ['Lesotho', 'Lesotho', 'Lesotho'],
  LR: ['Liberia', 'Libéria', 'Liberia'],
  LY: ['Libya', 'Libye', 'Libia'],
  LI: ['Liechtenstein', 'Liechtenstein', 'Liechtenstein'],
  LT: ['Lithuania', 'Lituanie', 'Lituania'],
  LU: ['Luxembourg', 'Luxembourg', 'Luxemburgo'],
  MG: ['Madagascar', 'Madagascar', 'Madagascar'],
  MW: ['Malawi', 'Malawi', 'Malawi'],
  MY: ['Malaysia', 'Malaisie', 'Malasia'],
  MV: ['Maldives', 'Maldives', 'Maldivas'],
  ML: ['Mali', 'Mali', 'Malí'],
  MT: ['Malta', 'Malte', 'Malta'],
  MH: ['Marshall Islands', 'Îles Marshall', 'Islas Marshall'],
  MR: ['Mauritania', 'Mauritanie', 'Mauritania'],
  MU: ['Mauritius', 'Maurice', 'Mauricio'],
  MX: ['Mexico', 'Mexique', 'México'],
  FM: [
    'Micronesia (Federated States of)',
    'Micronésie (États fédérés de)',
    'Micronesia (Estados Federados de)',
  ],
  MC: ['Monaco', 'Monaco', 'Mónaco'],
  MN: ['Mongolia', 'Mongolie', 'Mongolia'],
  ME: ['Montenegro', 'Monténégro', 'Montenegro'],
  MA: ['Morocco', 'Maroc', 'Marruecos'],
  MZ: ['Mozambique', 'Mozambique', 'Mozambique'],
  MM: ['Myanmar', 'Myanmar', 'Myanmar'],
  NA: ['Namibia', 'Namibie', 'Namibia'],
  NR: ['Nauru', 'Nauru', 'Nauru'],
  NP: ['Nepal', 'Népal', 'Nepal'],
  NL: ['Netherlands (Kingdom of the)', 'Pays-Bas (Royaume des)', 'Países Bajos (Reino de los)'],
  NZ: ['New Zealand', 'Nouvelle-Zélande', 'Nueva Zelandia'],
  NI: ['Nicaragua', 'Nicaragua', 'Nicaragua'],
  NE: ['Niger', 'Niger', 'Níger'],
  NG: ['Nigeria', 'Nigéria', 'Nigeria'],
  MK: ['North Macedonia', 'Macédoine du Nord', 'Macedonia del Norte'],
  NO: ['Norway', 'Norvège', 'Noruega'],
  OM: ['Oman', 'Oman', 'Omán'],
  PK: ['Pakistan', 'Pakistan', 'Pakistán'],
  PW: ['Palau', 'Palaos', 'Palau'],
  PA: ['Panama', 'Panama', 'Panamá'],
  PG: ['Papua New Guinea', 'Papouasie-Nouvelle-Guinée', 'Papua Nueva Guinea'],
  PY: ['Paraguay', 'Paraguay', 'Paraguay'],
  PE: ['Peru', 'Pérou', 'Perú'],
  PH: ['Philippines', 'Philippines', 'Filipinas'],
  PL: ['Poland', 'Pologne', 'Polonia'],
  PT: ['Portugal', 'Portugal', 'Portugal'],
  QA: ['Qatar', 'Qatar', 'Qatar'],
  KR: ['Republic of Korea', 'République de Corée', 'República de Corea'],
  MD: ['Republic of Moldova', 'République de Moldova', 'República de Moldova'],
  RO: ['Romania', 'Roumanie', 'Rumania'],
  RU: ['Russian Federation', 'Fédération de Russie', 'Federación de Rusia'],
  RW: ['Rwanda', 'Rwanda', 'Rwanda'],
  KN: ['Saint Kitts and Nevis', 'Saint-Kitts-et-Nevis', 'Saint Kitts y Nevis'],
  LC: ['Saint Lucia', 'Sainte-Lucie', 'Santa Lucía'],
  VC: [
    'Saint Vincent and the Grenadines',
    'Saint-Vincent-et-les Grenadines',
    'San Vicente y las Granadinas',
  ],
  WS: ['Samoa', 'Samoa', 'Samoa'],
  SM: ['San Marino', 'Saint-Marin', 'San Marino'],
  ST: ['Sao Tome and Principe', 'Sao Tomé-et-Principe', 'Santo Tomé y Príncipe'],
  SA: ['Saudi Arabia', 'Arabie saoudite', 'Arabia Saudita'],
  SN: ['Senegal', 'Sénégal', 'Senegal'],
  RS: ['Serbia', 'Serbie', 'Serbia'],
  SC: ['Seychelles', 'Seychelles', 'Seychelles'],
  SL: ['Sierra Leone', 'Sierra Leone', 'Sierra Leona'],
  SG: ['Singapore', 'Singapour', 'Singapur'],
  SK: ['Slovakia', 'Slovaquie', 'Eslovaquia'],
  SI: ['Slovenia', 'Slovénie', 'Eslovenia'],
  SB: ['Solomon Islands', 'Îles Salomon', 'Islas Salomón'],
  SO: ['Somalia', 'Somalie', 'Somalia'],
  ZA: ['South Africa', 'Afrique du Sud', 'Sudáfrica'],
  SS: ['South Sudan', 'Soudan du Sud', 'Sudán del Sur'],
  ES: ['Spain', 'Espagne', 'España'],
  LK: ['Sri Lanka', 'Sri Lanka', 'Sri Lanka'],
  SD: ['Sudan', 'Soudan', 'Sudán'],
  SR: ['Suriname', 'Suriname', 'Suriname'],
  SE: ['Sweden', 'Suède', 'Suecia'],
  CH: ['Switzerland', 'Suisse', 'Suiza'],
  SY: ['Syrian Arab Republic', 'République arabe syrienne', 'República Árabe Siria'],
  TJ: ['Tajikistan', 'Tadjikistan', 'Tayikistán'],
  TH: ['Thailand', 'Thaïlande', 'Tailandia'],
  TL: ['Timor-Leste', 'Timor-Leste', 'Timor-Leste'],
  TG: ['Togo', 'Togo', 'Togo'],
  TO: ['Tonga', 'Tonga', 'Tonga'],
  TT: ['Trinidad and Tobago', 'Trinité-et-Tobago', 'Trinidad y Tabago'],
  TN: ['Tunisia', 'Tunisie', 'Túnez'],
  TR: ['Türkiye', 'Türkiye', 'Türkiye'],
  TM: ['Turkmenistan', 'Turkménistan', 'Turkmenistán'],
  TV: ['Tuvalu', 'Tuvalu', 'Tuvalu'],
  UG: ['Uganda', 'Ouganda', 'Uganda'],
  UA: ['Ukraine', 'Ukraine', 'Ucrania'],
  AE: ['United Arab Emirates', 'Émirats arabes unis', 'Emiratos Árabes Unidos'],
  GB: [
    'United Kingdom of Great Britain and Northern Ireland',
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    'Reino Unido de Gran Bretaña e Irlanda del Norte',
  ],
  TZ: ['United Republic of Tanzania', 'République-Unie de Tanzanie', 'República Unida de Tanzanía'],
  US: ['United States of America', "États-Unis d'Amérique", 'Estados Unidos de América'],
  UY: ['Uruguay', 'Uruguay', 'Uruguay'],
  UZ: ['Uzbekistan', 'Ouzbékistan', 'Uzbekistán'],
  VU: ['Vanuatu', 'Vanuatu', 'Vanuatu'],
  VE: [
    'Venezuela (Bolivarian Republic of)',
    'Venezuela (République bolivarienne du)',
    'Venezuela (República Bolivariana de)',
  ],
  VN: ['Viet Nam', 'Viet Nam', 'Viet Nam'],
  YE: ['Yemen', 'Yémen', 'Yemen'],
  ZM: ['Zambia', 'Zambie', 'Zambia'],
  ZW: ['Zimbabwe', 'Zimbabwe', 'Zimbabwe'],
};

/** The non-member States with a standing invitation as observers. */
export const UN_OBSERVER_STATES: Readonly<Record<string, Names>> = {
  VA: ['Holy See', 'Saint-Siège', 'Santa Sede'],
  PS: ['State of Palestine', 'État de Palestine', 'Estado de Palestina'],
};

const INDEX: Record<UnLanguage, number> = { en: 0, fr: 1, es: 2 };

const cldr = new Map<string, Intl.DisplayNames>();
function cldrName(code: string, language: string): string | undefined {
  let names = cldr.get(language);
  if (!names) cldr.set(language, (names = new Intl.DisplayNames([language], { type: 'region' })));
  try {
    const name = names.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A State's name as UN documents give it in `language`: the UN's short name for a Member or
 * Observer State; otherwise (a territory, a code the UN does not list) CLDR's name in that
 * language; the code itself when neither knows it. Null for no code.
 */
export function unCountryName(code: string | null | undefined, language: string): string | null {
  if (!code) return null;
  const upper = code.toUpperCase();
  const names = UN_MEMBER_STATES[upper] ?? UN_OBSERVER_STATES[upper];
  const index = INDEX[language as UnLanguage];
  if (names && index !== undefined) return names[index];
  return cldrName(upper, language) ?? upper;
}

/** A country's name in the reader's own language (CLDR), for everything that is not UN output. */
export function countryNameFor(code: string | null | undefined, language: string): string | null {
  if (!code) return null;
  return cldrName(code.toUpperCase(), language) ?? code.toUpperCase();
}
