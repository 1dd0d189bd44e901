import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('drops scripts, styles, comments and head; keeps block structure', () => {
    const html = `<html><head><title>T</title><style>p{}</style></head><body>
      <script type="text/javascript">alert("x")</script><!-- hidden -->
      <h2>Prices</h2><p>Screen&nbsp;repair: <b>5&#160;000 ₸</b></p><p>Line one<br>Line two</p>
      <table><tr><td>a</td><td>b</td></tr></table></body></html>`;
    expect(htmlToText(html)).toBe('Prices\n\nScreen repair: 5 000 ₸\n\nLine one\nLine two\n\na b');
  });

  it('decodes named, decimal and hex entities and leaves unknown ones', () => {
    expect(decodeEntities('&lt;b&gt; &amp; &quot;q&quot; &#1055;&#x440;&#X438; &bogus; &#0;')).toBe('<b> & "q" При &bogus; &#0;');
  });

  it('does not decode twice', () => {
    expect(htmlToText('<p>&amp;lt;tag&amp;gt;</p>')).toBe('&lt;tag&gt;');
  });
});
