/**
 * Atom 1.0 (RFC 4287) feed writer. Pure: it writes only what it is given, escaped, so the
 * public feed holds exactly the allow-listed fields its caller passes in.
 */

export interface AtomLink {
  href: string;
  rel?: 'alternate' | 'self' | 'related' | 'enclosure';
  type?: string;
}

export interface AtomEntry {
  /** A permanent IRI for the entry. */
  id: string;
  title: string;
  updated: Date;
  published?: Date | null;
  links: AtomLink[];
  summary?: string | null;
  /** Plain text content. */
  content?: string | null;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: Date;
  author: string;
  links: AtomLink[];
  entries: AtomEntry[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
 * escaping cannot save them, so they are dropped.
 */
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe for XML element content and attribute values (either quote). */
export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

const iso = (d: Date) => d.toISOString();

function link(l: AtomLink): string {
  const attrs = [`href="${xmlEscape(l.href)}"`];
  if (l.rel) attrs.push(`rel="${l.rel}"`);
  if (l.type) attrs.push(`type="${xmlEscape(l.type)}"`);
  return `<link ${attrs.join(' ')}/>`;
}

function text(tag: string, value: string): string {
  return `<${tag} type="text">${xmlEscape(value)}</${tag}>`;
}

function entry(e: AtomEntry): string {
  const parts = [
    `<id>${xmlEscape(e.id)}</id>`,
    text('title', e.title),
    `<updated>${iso(e.updated)}</updated>`,
  ];
  if (e.published) parts.push(`<published>${iso(e.published)}</published>`);
  parts.push(...e.links.map(link));
  for (const c of e.categories ?? []) parts.push(`<category term="${xmlEscape(c)}"/>`);
  if (e.summary) parts.push(text('summary', e.summary));
  if (e.content) parts.push(text('content', e.content));
  return `<entry>\n  ${parts.join('\n  ')}\n</entry>`;
}

/** The feed document, UTF-8, entries in the order given. */
export function renderAtom(feed: AtomFeed): string {
  const head = [
    `<id>${xmlEscape(feed.id)}</id>`,
    text('title', feed.title),
    ...(feed.subtitle ? [text('subtitle', feed.subtitle)] : []),
    `<updated>${iso(feed.updated)}</updated>`,
    `<author><name>${xmlEscape(feed.author)}</name></author>`,
    ...feed.links.map(link),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    ...head,
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
