import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderAtom, xmlEscape, type AtomEntry, type AtomFeed } from './atom';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

type Parsed = {
  feed: {
    '@xmlns': string;
    id: string;
    title: { '#text': string; '@type': string };
    updated: string;
    author: { name: string };
    link: { '@href': string; '@rel'?: string; '@type'?: string }[];
    entry?: {
      id: string;
      title: { '#text': string };
      updated: string;
      published?: string;
      link: { '@href': string; '@rel'?: string; '@type'?: string }[];
      category?: { '@term': string }[];
      summary?: { '#text': string };
      content?: { '#text': string };
    }[];
  };
};

/** XML 1.0's Char production, which the parser does not check. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function parse(xml: string): Parsed {
  if (!XML_CHARS.test(xml)) throw new Error('holds a character XML 1.0 does not allow');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  return parser.parse(xml) as Parsed;
}

const entry = (over: Partial<AtomEntry> = {}): AtomEntry => ({
  id: 'https://witness.example.org/public/v1/defenders/amina-haddad',
  title: 'Amina Haddad',
  updated: new Date('2026-06-15T10:00:00.000Z'),
  published: new Date('2026-06-01T09:00:00.000Z'),
  links: [
    {
      href: 'https://witness.example.org/public/v1/defenders/amina-haddad',
      rel: 'alternate',
      type: 'application/json',
    },
  ],
  summary: 'Journalist detained since 2024.',
  content: 'Her story.',
  categories: ['journalist'],
  ...over,
});

const feed = (entries: AtomEntry[]): AtomFeed => ({
  id: 'https://witness.example.org/public/v1/defenders.atom',
  title: 'Featured defenders',
  updated: new Date('2026-06-15T10:00:00.000Z'),
  author: 'Witness',
  links: [
    {
      href: 'https://witness.example.org/public/v1/defenders.atom',
      rel: 'self',
      type: 'application/atom+xml',
    },
  ],
  entries,
});

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    expect(xmlEscape(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('does not double-escape what looks like an entity', () => {
    expect(xmlEscape('&amp; &#x41;')).toBe('&amp;amp; &amp;#x41;');
  });

  it('drops characters XML 1.0 cannot hold, keeps tabs, newlines and astral characters', () => {
    expect(xmlEscape('a\u0000b\u0001c\u000bd\ufffee\uffff')).toBe('abcde');
    expect(xmlEscape('x\ud800y\udc00z')).toBe('xyz');
    expect(xmlEscape('tab\tnl\n🕊️')).toBe('tab\tnl\n🕊️');
  });
});

describe('renderAtom', () => {
  it('writes a well-formed Atom 1.0 document with the feed metadata', () => {
    const doc = parse(renderAtom(feed([entry()])));
    expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(doc.feed.id).toBe('https://witness.example.org/public/v1/defenders.atom');
    expect(doc.feed.title['#text']).toBe('Featured defenders');
    expect(doc.feed.updated).toBe('2026-06-15T10:00:00.000Z');
    expect(doc.feed.author.name).toBe('Witness');
    expect(doc.feed.link).toEqual([
      {
        '@href': 'https://witness.example.org/public/v1/defenders.atom',
        '@rel': 'self',
        '@type': 'application/atom+xml',
      },
    ]);
  });

  it('writes one entry per profile, in the order given, with its fields', () => {
    const a = entry();
    const b = entry({
      id: 'https://witness.example.org/public/v1/defenders/samir',
      title: 'Samir',
      published: null,
      summary: null,
      content: null,
      categories: [],
    });
    const doc = parse(renderAtom(feed([a, b])));
    expect(doc.feed.entry).toHaveLength(2);
    const [first, second] = doc.feed.entry!;
    expect(first).toEqual({
      id: a.id,
      title: { '#text': 'Amina Haddad', '@type': 'text' },
      updated: '2026-06-15T10:00:00.000Z',
      published: '2026-06-01T09:00:00.000Z',
      link: [{ '@href': a.links[0].href, '@rel': 'alternate', '@type': 'application/json' }],
      category: [{ '@term': 'journalist' }],
      summary: { '#text': 'Journalist detained since 2024.', '@type': 'text' },
      content: { '#text': 'Her story.', '@type': 'text' },
    });
    expect(second.id).toBe(b.id);
    expect(second).not.toHaveProperty('published');
    expect(second).not.toHaveProperty('summary');
    expect(second).not.toHaveProperty('content');
  });

  it('an empty feed is still valid', () => {
    const doc = parse(renderAtom(feed([])));
    expect(doc.feed.entry).toBeUndefined();
  });

  it('hostile text cannot break out of its element or attribute', () => {
    const evil = `</title><script>alert(1)</script><x a="&amp;'"/>]]><!--`;
    const doc = parse(
      renderAtom(
        feed([
          entry({
            title: evil,
            summary: evil,
            content: evil,
            categories: [evil],
            links: [{ href: `https://e.org/?a=1&b="2"`, rel: 'alternate' }],
          }),
        ]),
      ),
    );
    const e = doc.feed.entry![0];
    // The parser decodes the escapes: what comes back is the original text.
    expect(e.title['#text']).toBe(evil);
    expect(e.summary!['#text']).toBe(evil);
    expect(e.category![0]['@term']).toBe(evil);
    expect(e.link[0]['@href']).toBe(`https://e.org/?a=1&b="2"`);
    expect(doc.feed.entry).toHaveLength(1);
  });

  it('any text at all gives a well-formed document with exactly its entries', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ title: fc.string({ unit: 'binary' }), body: fc.string({ unit: 'binary' }) }),
          {
            maxLength: 5,
          },
        ),
        (items) => {
          const xml = renderAtom(
            feed(
              items.map((i, n) =>
                entry({ id: `urn:x:${n}`, title: i.title, summary: i.body, content: i.body }),
              ),
            ),
          );
          const doc = parse(xml);
          return (doc.feed.entry ?? []).length === items.length;
        },
      ),
      { numRuns: 300 },
    );
  });
});
