// Verso console: the little the pages need beyond htmx. No inline scripts anywhere (the Content-Security-Policy
// forbids them), so every behaviour is bound here, from data- attributes the server renders.
(function () {
  'use strict';

  const meta = (name) => {
    const element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content : null;
  };
  const csrfHeader = meta('csrf-header');
  const csrfToken = meta('csrf-token');
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Every htmx request carries the session's CSRF token.
  document.addEventListener('htmx:configRequest', (event) => {
    if (csrfHeader && csrfToken) {
      event.detail.headers[csrfHeader] = csrfToken;
    }
  });

  // A 401 (the session ended) sends the page to the sign-in form, wherever the request came from.
  document.addEventListener('htmx:responseError', (event) => {
    const redirect = event.detail.xhr.getResponseHeader('HX-Redirect');
    if (event.detail.xhr.status === 401 && redirect) {
      window.location.href = redirect;
    }
  });

  // Range inputs show their value next to them.
  function bindSliders(root) {
    root.querySelectorAll('input[type=range][data-output]').forEach((range) => {
      const output = document.getElementById(range.dataset.output);
      const show = () => { output.textContent = range.value + '%'; };
      range.addEventListener('input', show);
      show();
    });
  }

  // The deployment panel is never swapped under its user's eyes: when the deployment changed elsewhere it says so
  // and offers a reload, and its buttons keep the revision it shows (so acting on it answers 409).
  let latestRevision = null;
  function flagStaleDeployment() {
    const panel = document.getElementById('deployment');
    const banner = document.getElementById('deployment-changed');
    if (!panel || !banner || latestRevision === null) {
      return;
    }
    banner.hidden = Number(panel.dataset.revision) >= latestRevision;
  }

  document.addEventListener('htmx:load', (event) => {
    bindSliders(event.detail.elt);
    flagStaleDeployment();
  });

  // Live: hold a wait open on the registry; it answers as soon as something changed (or 204 after a while).
  async function live() {
    const url = document.body.dataset.live;
    let seen = document.body.dataset.liveRevision || '';
    if (!url) {
      return;
    }
    for (;;) {
      try {
        const response = await fetch(url + '?seen=' + encodeURIComponent(seen),
          { credentials: 'same-origin', headers: { 'HX-Request': 'true' } });
        if (response.status === 401) {
          window.location.href = response.headers.get('HX-Redirect') || window.location.href;
          return;
        }
        if (response.status === 200) {
          const change = await response.json();
          seen = change.live;
          if (change.revision) {
            latestRevision = Math.max(latestRevision || 0, change.revision);
          }
          flagStaleDeployment();
          document.body.dispatchEvent(new CustomEvent('verso-changed', { detail: change }));
        } else if (response.status !== 204 && response.status !== 304) {
          await sleep(2000);
        }
      } catch (e) {
        await sleep(2000);
      }
    }
  }

  // Evidence charts: canary against stable, one point per look (every 5 s and after every change).
  const MAX_POINTS = 120;
  const STABLE = '#15803d';
  const CANARY = '#d97706';
  const charts = {};

  function chart(id, series) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) {
      return null;
    }
    return new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: [],
        datasets: series.map((s) => ({
          label: s.label, data: [], borderColor: s.color, backgroundColor: s.color, borderDash: s.dash || [],
          pointRadius: 0, borderWidth: 2, tension: 0.25, spanGaps: true
        }))
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { boxWidth: 10, font: { size: 11 } } } },
        scales: { x: { ticks: { maxTicksLimit: 6, font: { size: 10 } } }, y: { beginAtZero: true, ticks: { font: { size: 10 } } } }
      }
    });
  }

  function setUpCharts() {
    charts.rate = chart('chart-rate', [{ label: 'stable', color: STABLE }, { label: 'canary', color: CANARY }]);
    charts.errors = chart('chart-errors', [{ label: 'stable', color: STABLE }, { label: 'canary', color: CANARY }]);
    charts.latency = chart('chart-latency', [
      { label: 'stable p50', color: STABLE }, { label: 'stable p99', color: STABLE, dash: [4, 3] },
      { label: 'canary p50', color: CANARY }, { label: 'canary p99', color: CANARY, dash: [4, 3] }]);
    charts.quality = chart('chart-quality', [
      { label: 'stable accuracy', color: STABLE }, { label: 'canary accuracy', color: CANARY },
      { label: 'stable MAE', color: STABLE, dash: [2, 2] }, { label: 'canary MAE', color: CANARY, dash: [2, 2] },
      { label: 'stable max PSI', color: '#64748b' }, { label: 'canary max PSI', color: '#a855f7' }]);
  }

  function push(target, label, values) {
    if (!target) {
      return;
    }
    target.data.labels.push(label);
    values.forEach((value, i) => target.data.datasets[i].data.push(value === undefined ? null : value));
    if (target.data.labels.length > MAX_POINTS) {
      target.data.labels.shift();
      target.data.datasets.forEach((d) => d.data.shift());
    }
    target.update();
  }

  const rate = (m) => (m && m.windowSeconds > 0 ? m.requests / m.windowSeconds : null);
  const field = (m, name) => (m ? m[name] : null);

  function showDrift(evidence) {
    const drift = document.getElementById('drift');
    if (!drift) {
      return;
    }
    drift.replaceChildren();
    const add = (text, className) => {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      drift.appendChild(span);
    };
    add('Drift against the training baseline:', 'muted small');
    let any = false;
    [['stable', evidence.stable], ['canary', evidence.canary]].forEach(([name, m]) => {
      if (!m) {
        return;
      }
      any = true;
      add(name + ' v' + m.version + ' max PSI ' + (m.maxPsi === null || m.maxPsi === undefined ? '—' : m.maxPsi.toFixed(3)),
        'badge');
      (m.driftBreaches || []).forEach((feature) => add(name + ': ' + feature + ' drifted', 'badge breach'));
      if (!(m.driftBreaches || []).length && m.maxPsi !== null && m.maxPsi !== undefined) {
        add(name + ': no feature breaches', 'badge badge-stable');
      }
    });
    if (!any) {
      add('nothing served yet', 'muted small');
    }
  }

  async function refreshEvidence() {
    const url = document.body.dataset.evidence;
    if (!url) {
      return;
    }
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } });
      if (response.status !== 200) {
        return;
      }
      const e = await response.json();
      const label = new Date().toLocaleTimeString();
      push(charts.rate, label, [rate(e.stable), rate(e.canary)]);
      push(charts.errors, label, [field(e.stable, 'errorRate'), field(e.canary, 'errorRate')]);
      push(charts.latency, label, [field(e.stable, 'latencyP50Ms'), field(e.stable, 'latencyP99Ms'),
        field(e.canary, 'latencyP50Ms'), field(e.canary, 'latencyP99Ms')]);
      push(charts.quality, label, [field(e.stable, 'accuracy'), field(e.canary, 'accuracy'),
        field(e.stable, 'meanAbsoluteError'), field(e.canary, 'meanAbsoluteError'),
        field(e.stable, 'maxPsi'), field(e.canary, 'maxPsi')]);
      showDrift(e);
      const updated = document.getElementById('evidence-updated');
      if (updated) {
        updated.textContent = 'updated ' + label;
      }
    } catch (err) {
      // The next look tries again.
    }
  }

  // Upload with a progress bar: XMLHttpRequest, because fetch reports no upload progress.
  function bindUpload() {
    const form = document.getElementById('upload');
    if (!form) {
      return;
    }
    const progress = document.getElementById('upload-progress');
    const status = document.getElementById('upload-status');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const request = new XMLHttpRequest();
      request.open('POST', form.dataset.url);
      request.setRequestHeader(csrfHeader, csrfToken);
      request.setRequestHeader('HX-Request', 'true');
      progress.hidden = false;
      progress.value = 0;
      status.textContent = 'Uploading…';
      request.upload.addEventListener('progress', (p) => {
        if (p.lengthComputable) {
          progress.value = Math.round((p.loaded / p.total) * 100);
          status.textContent = 'Uploading… ' + progress.value + '%';
        }
      });
      request.upload.addEventListener('load', () => {
        progress.value = 100;
        status.textContent = 'Uploaded; the registry is checking it…';
      });
      request.addEventListener('load', () => {
        let answer = {};
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = { message: 'HTTP ' + request.status }; }
        status.textContent = answer.message || ('HTTP ' + request.status);
        status.className = request.status === 201 ? 'small upload-ok' : 'small upload-error';
        if (request.status === 201) {
          form.reset();
          document.body.dispatchEvent(new CustomEvent('verso-changed', { detail: {} }));
        }
      });
      request.addEventListener('error', () => { status.textContent = 'The upload failed: the connection broke.'; });
      request.send(new FormData(form));
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    bindSliders(document);
    bindUpload();
    if (document.body.dataset.evidence) {
      setUpCharts();
      refreshEvidence();
      setInterval(refreshEvidence, 5000);
      document.body.addEventListener('verso-changed', refreshEvidence);
    }
    live();
  });
}());
