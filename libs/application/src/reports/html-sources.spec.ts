import { citedTags, sourceDocument } from '@trustsim/domain';
import { toHtmlReport } from './html-report';
import { sampleRunResult } from './test-support/sample-run-result';

describe('the HTML report says what its source tags stand for', () => {
  const page = toHtmlReport(sampleRunResult());
  const section = page.slice(page.indexOf('<section id="sources">'), page.indexOf('</section>', page.indexOf('<section id="sources">')));

  it('lists every tag the page cites, with its document, release and section, and points to docs/trust-model.md', () => {
    const cited = citedTags(page.slice(0, page.indexOf('<section id="sources">')));
    expect(cited.length).toBeGreaterThan(2);
    for (const tag of cited) {
      const source = sourceDocument(tag)!;
      expect(section).toContain(`<code>[${tag}]</code>`);
      expect(section).toContain(source.title.replace(/"/g, '&quot;'));
    }
    expect(section).toContain('docs/trust-model.md in trustsim explains every rule and gives the address of every document');
  });

  it('stays self-contained: the addresses are in the trust model, not links on the page', () => {
    expect(page).not.toMatch(/https?:\/\//);
  });
});
