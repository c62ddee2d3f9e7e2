/* global document, fetch, CSS, setTimeout, clearTimeout */
// Live validation of the notice form: as the user types, the form is read into the notice (by the
// same rules as the server's src/web/notice-form/read-value.ts), sent to POST /v1/notices/validate
// with the session cookie and the CSRF header, and each finding is shown beside its field. Without
// this script the form still works: the server validates on submit and shows the same messages.
'use strict';

const form = document.querySelector('form[data-notice-form]');
if (form) start(form);

function start(form) {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const lang = document.documentElement.lang || 'nb';
  const text = form.dataset;
  let timer;
  let sent = 0;

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  }

  async function validate() {
    const ticket = ++sent;
    let answer;
    try {
      const response = await fetch('/v1/notices/validate', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'accept-language': lang === 'en' ? 'en' : 'nb' },
        body: JSON.stringify(readNotice(form)),
      });
      answer = await response.json();
    } catch {
      return; // offline or the server is away: the submit button still validates on the server
    }
    if (ticket !== sent) return; // an older answer arriving after a newer one
    show(answer.errors ?? [], answer.warnings ?? [], answer.publications);
  }

  function show(errors, warnings, publications) {
    const boxes = [...form.querySelectorAll('[data-messages-for]')];
    for (const box of boxes) box.replaceChildren();
    for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
    const place = (finding, severity) => {
      const path = finding.path ?? '';
      let best = form.querySelector('[data-messages-for=""]');
      let length = -1;
      for (const box of boxes) {
        const at = box.dataset.messagesFor;
        if (at !== '' && (path === at || path.startsWith(at + '/')) && at.length > length) {
          best = box;
          length = at.length;
        }
      }
      if (!best) return;
      best.append(message(finding, severity));
      if (severity === 'error' && length >= 0) {
        for (const control of form.querySelectorAll('[data-pointer]')) {
          if (control.dataset.pointer === best.dataset.messagesFor) control.setAttribute('aria-invalid', 'true');
        }
      }
    };
    for (const finding of errors) place(finding, 'error');
    for (const finding of warnings) place(finding, 'warning');
    const status = form.querySelector('[data-status]');
    if (status) {
      status.textContent = errors.length === 0 && warnings.length === 0 ? text.textAllClear : text.textCounts.replace('{errors}', String(errors.length)).replace('{warnings}', String(warnings.length));
    }
    if (publications) showPlan(publications);
  }

  function message(finding, severity) {
    const p = document.createElement('p');
    p.className = `finding finding-${severity}`;
    const label = document.createElement('strong');
    label.textContent = severity === 'error' ? text.textError : text.textWarning;
    p.append(label, ' ', finding.message ?? '');
    if (finding.source) {
      const a = document.createElement('a');
      a.href = finding.source.url;
      a.textContent = `${finding.source.law} ${finding.source.section}`;
      p.append(' (', a, ')');
    }
    return p;
  }

  function showPlan(publications) {
    const list = form.querySelector('[data-plan]');
    if (!list) return;
    const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'full', timeStyle: 'short', timeZone: text.zone });
    const day = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'full', timeZone: 'UTC' });
    list.replaceChildren(
      ...publications.map((p) => {
        const li = document.createElement('li');
        const name = document.createElement('strong');
        name.textContent = text[`channel${p.channel[0].toUpperCase()}${p.channel.slice(1)}`] ?? p.channel;
        li.append(name, ': ', when.format(new Date(p.appearsAt)));
        if (p.issueDate) li.append(' – ', text.textIssue.replace('{paper}', p.target ?? '').replace('{date}', day.format(new Date(`${p.issueDate}T00:00:00Z`))));
        return li;
      }),
    );
  }
}

/** The notice the form describes: every named control by its kind, blank values and rows left out. */
function readNotice(form) {
  const notice = {};
  const seen = new Set();
  for (const control of form.querySelectorAll('[data-kind][name^="/"]')) {
    const name = control.name;
    const kind = control.dataset.kind;
    if (kind === 'checkboxes') {
      if (seen.has(name)) continue;
      seen.add(name);
      const checked = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]:checked`)].map((box) => box.value);
      if (checked.length > 0) setAt(notice, name, checked);
      continue;
    }
    if ((control.type === 'radio' || control.type === 'checkbox') && !control.checked) continue;
    const value = readValue(kind, control.value);
    if (value !== undefined) setAt(notice, name, value);
  }
  // A chosen image gets its address when the form is sent; until then, a stand-in so the checks see it.
  for (const input of form.querySelectorAll('input[type="file"][data-upload-for]')) {
    const file = input.files?.[0];
    const url = form.querySelector(`[name="${CSS.escape(input.dataset.uploadFor)}"]`);
    if (file && url && url.value.trim() === '') setAt(notice, input.dataset.uploadFor, `https://upload.invalid/${encodeURIComponent(file.name)}`);
  }
  return compact(notice);
}

function readValue(kind, submitted) {
  const value = submitted.replace(/\r\n?/g, '\n');
  if (value.trim() === '') return undefined;
  switch (kind) {
    case 'textarea':
      return value;
    case 'lines': {
      const lines = value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
      return lines.length > 0 ? lines : undefined;
    }
    case 'number':
    case 'integer': {
      const number = Number(value.trim().replace(',', '.'));
      return Number.isFinite(number) ? number : value.trim();
    }
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : undefined;
    default:
      return value.trim();
  }
}

function setAt(root, pointer, value) {
  const segments = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let here = root;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    if (next === undefined) {
      here[segment] = value;
      return;
    }
    if (here[segment] === null || typeof here[segment] !== 'object') here[segment] = /^\d+$/.test(next) ? [] : {};
    here = here[segment];
  });
}

function compact(value) {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}
