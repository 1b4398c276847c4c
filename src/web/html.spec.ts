import { html, raw } from './html';

describe('html', () => {
  const name = '<script>alert("x")</script> & Đào';
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Đào';

  it('escapes interpolated text in attributes and content', () => {
    expect(html`<p title="${name}">${name}</p>`.value).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  it('keeps nested fragments, joins arrays and drops null, undefined and false', () => {
    const items = [html`<i>a</i>`, '<'];
    expect(html`${html`<b>${1}</b>`}${null}${undefined}${false}${items}`.value).toBe('<b>1</b><i>a</i>&lt;');
  });

  it('passes raw markup through untouched', () => {
    expect(html`<div>${raw('<svg></svg>')}</div>`.value).toBe('<div><svg></svg></div>');
  });
});
