import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, SafeHtml } from '../../src/channels/website/html.ts';
import { t } from '../../src/web/i18n/index.ts';
import { en } from '../../src/web/i18n/en.ts';
import { nb } from '../../src/web/i18n/nb.ts';
import { nn } from '../../src/web/i18n/nn.ts';

test('html escapes interpolated text, joins arrays, drops nothing-values, embeds SafeHtml as is', () => {
  const title = '<script>alert("x")</script> & \'co\'';
  const out = html`<h1 title="${title}">${title}</h1>${[html`<li>${1}</li>`, '<b>']}${null}${undefined}${false}${new SafeHtml('<hr>')}`;
  assert.equal(
    out.value,
    '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1><li>1</li>&lt;b&gt;<hr>',
  );
});

test('t fills parameters, and the three catalogues have the same keys', () => {
  assert.equal(t('nn', 'home.greeting', { name: 'Kari' }), 'Hei, Kari');
  assert.equal(t('en', 'signin.throttled', { minutes: 15 }), 'Too many failed attempts. Wait 15 minutes and try again.');
  assert.deepEqual(Object.keys(nn).sort(), Object.keys(nb).sort());
  assert.deepEqual(Object.keys(en).sort(), Object.keys(nb).sort());
});
