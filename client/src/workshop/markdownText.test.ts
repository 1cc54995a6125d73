import { describe, expect, it } from 'vitest';
import { markdownText } from './markdownText.ts';

describe('partner text in Markdown', () => {
  it('keeps HTML as text', () => {
    const out = markdownText('<img src=x onerror="alert(1)"><script>alert(2)</script> & co');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt; &amp; co',
    );
  });

  it('turns newlines into spaces, so a text cannot forge a heading or a list', () => {
    const out = markdownText('Stap\n\n## Tafel 99\r\n- vals\u2028> citaat');
    expect(out).not.toContain('\n');
    expect(out).toBe('Stap \\#\\# Tafel 99 - vals &gt; citaat');
  });

  it('makes no link, image or autolink of it, except that https: stays readable', () => {
    const out = markdownText('[klik](javascript:alert(1)) ![](http://evil.example/p.png) www.evil.example');
    expect(out).toBe(
      '\\[klik\\](javascript\\:alert(1)) \\!\\[\\](http\\://evil.example/p.png) www\\.evil.example',
    );
    expect(markdownText('zie https://example.org')).toBe('zie https://example.org');
    expect(markdownText('DATA:text/html,x')).toBe('DATA\\:text/html,x');
  });

  it('escapes emphasis, code and tables', () => {
    expect(markdownText('*vet* _schuin_ `code` a|b ~~weg~~ \\')).toBe(
      '\\*vet\\* \\_schuin\\_ \\`code\\` a\\|b \\~\\~weg\\~\\~ \\\\',
    );
  });

  it('leaves plain Dutch as it was', () => {
    expect(markdownText('  Structuur lost alles op, 3 stappen.  ')).toBe(
      'Structuur lost alles op, 3 stappen.',
    );
  });
});
