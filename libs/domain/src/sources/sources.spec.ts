import { citedTags, sourceDocument, SOURCES } from './sources';

describe('source tags', () => {
  it('reads every form a citation takes', () => {
    expect(
      citedTags('TFTP rebuilds it [S125DEF §4.4] [SSECMIG logs] [doc SREGEN] [chapter "Interactions and Restrictions"] [uncertain – inferred] [SREGEN-T] [trust-file-format] [S125DEF]'),
    ).toEqual(['S125DEF', 'SSECMIG', 'SREGEN', 'chapter', 'uncertain', 'SREGEN-T', 'trust-file-format']);
  });

  it('leaves out brackets that cite nothing: links, images, regular expressions, phone names, constants, letters and numbers', () => {
    const code = "[docs](trust-model.md) ![shot](a.png) /^[A-Z0-9]+$/ [0-9A-F]{12} [A-Z ] names: [SEP001122334455] [ANY, NO_STREAM] { [K in Name]: V } a[0] [issue 14]";
    expect(citedTags(code)).toEqual([]);
  });

  it('resolves each tag to one document with a title, a release, a section and an address', () => {
    expect(new Set(SOURCES.map((s) => s.tag)).size).toBe(SOURCES.length);
    for (const s of SOURCES) {
      expect(s.title && s.release && s.section).toBeTruthy();
      expect(s.address).toMatch(/^(https?:\/\/\S+|docs\/[\w./-]+\.md)$/);
    }
    expect(sourceDocument('SFN')?.title).toMatch(/FN70613/);
    expect(sourceDocument('NOPE')).toBeUndefined();
  });
});
