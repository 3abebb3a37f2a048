// The policy playground: served as a file (no inline script, so a strict Content-Security-Policy holds).
// Builds every result with textContent: nothing an author types or a rule writes is parsed as HTML.
(function () {
  'use strict';

  const byId = (id) => document.getElementById(id);
  const bundled = {};
  document.querySelectorAll('textarea.bundled-file').forEach((t) => { bundled[t.dataset.name] = t.value; });

  function showFile() {
    const name = byId('file-select').value;
    byId('file-name').value = name || 'candidate.drl';
    byId('rules').value = name ? bundled[name] : 'package clearance.rules;\n\nimport io.clearance.engine.facts.*;\n';
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function list(className, items) {
    const ul = el('ul', className);
    items.forEach((item) => ul.appendChild(el('li', null, item)));
    return ul;
  }

  function evidence(value) {
    const details = el('details');
    details.appendChild(el('summary', null, 'Evidence'));
    details.appendChild(el('pre', 'evidence', JSON.stringify(value, null, 2)));
    return details;
  }

  function showCase(run) {
    const section = el('section', 'case ' + (run.passed ? 'passed' : 'failed'));
    section.appendChild(el('h3', 'case-name', run.name));
    if (run.decision) {
      const outcome = el('div');
      outcome.appendChild(el('span', 'badge decision ' + run.decision.decision, run.decision.decision));
      (run.decision.advice || []).forEach((a) => outcome.appendChild(el('span', 'badge ADVICE advice-code', a.code)));
      section.appendChild(outcome);
      run.decision.reasons.forEach((r) => {
        const reason = el('div', 'reason ' + r.effect);
        reason.appendChild(el('strong', 'rule', r.rule));
        reason.appendChild(el('span', 'muted', r.clause ? ' (clause ' + r.clause + ')' : ''));
        reason.appendChild(el('p', 'message', r.message));
        reason.appendChild(evidence(r.evidence));
        section.appendChild(reason);
      });
      (run.decision.advice || []).forEach((a) => {
        const advice = el('div', 'reason advice');
        advice.appendChild(el('strong', 'rule', a.code + ' — ' + a.rule));
        advice.appendChild(el('p', 'message', a.message));
        advice.appendChild(evidence(a.evidence));
        section.appendChild(advice);
      });
    }
    if (run.differences.length) section.appendChild(list('differences', run.differences));
    section.appendChild(el('div', 'muted', 'Rules that fired:'));
    section.appendChild(list('fired', run.firedRules));
    return section;
  }

  async function run(event) {
    event.preventDefault();
    const files = {};
    files[byId('file-name').value || 'candidate.drl'] = byId('rules').value;
    const body = { files: files, scenario: byId('scenario').value, registry: byId('registry').value };
    byId('status').textContent = 'running…';
    byId('errors').replaceChildren();
    byId('results').replaceChildren();
    let answer;
    let json;
    try {
      answer = await fetch('/v1/policy/playground', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      json = await answer.json();
    } catch (e) {
      byId('status').textContent = 'the server did not answer: ' + e;
      return;
    }
    if (!answer.ok) {
      byId('status').textContent = json.title + ': ' + json.detail;
      (json.errors || []).forEach((e) => byId('errors').appendChild(
        el('li', 'compile-error', e.file + ':' + e.line + ':' + e.column + ': ' + e.message)));
      return;
    }
    const passed = json.cases.filter((c) => c.passed).length;
    byId('status').textContent = 'candidate ' + json.candidateVersion + ' (serving ' + json.serving
      + ' untouched): ' + passed + ' of ' + json.cases.length + ' case(s) as expected';
    (json.warnings || []).forEach((w) => byId('errors').appendChild(
      el('li', 'warning', 'warning: ' + w.file + ':' + w.line + ': ' + w.message)));
    json.cases.forEach((c) => byId('results').appendChild(showCase(c)));
  }

  byId('file-select').addEventListener('change', showFile);
  byId('playground').addEventListener('submit', run);
  showFile();
}());
