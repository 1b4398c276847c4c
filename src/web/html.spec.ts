import { html, raw } from './html';

describe('html', () => {
  it('escapes interpolated text, keeps nested fragments and drops empty values', () => {
    const name = '<script>alert("x")</script> & Đào';
    const out = html`<p title="${name}">
      ${name}${html`<b>${1}</b>`}${null}${false}${[html`<i>a</i>`, '<']}
    </p>`;
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Đào">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Đào<b>1</b><i>a</i>&lt;</p>',
    );
  });

  it('passes raw markup through untouched', () => {
    expect(html`<div>${raw('<svg></svg>')}</div>`.value).toBe('<div><svg></svg></div>');
  });
});
