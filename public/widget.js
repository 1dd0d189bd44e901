/* AI sales agent: site chat widget. One tag on the business's site:
 *   <script src="https://APP/widget.js" data-key="wk_…" async></script>
 * Plain JS, no dependencies; styles isolated in a Shadow DOM. The visitor token lives in
 * localStorage per key; replies stream over server-sent events and resume after a drop. */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-key][src*="widget.js"]');
  if (!script) return;
  var KEY = script.getAttribute('data-key');
  if (!KEY) return;
  var registry = (window.__salesagentWidgets = window.__salesagentWidgets || {});
  if (registry[KEY]) return;
  registry[KEY] = true;
  var BASE = new URL(script.src, location.href).origin;
  var API = BASE + '/api/widget/' + encodeURIComponent(KEY);
  var STORE = 'salesagent-widget:' + KEY;

  var STRINGS = {
    ru: {
      title: 'Чат с нами', open: 'Открыть чат', close: 'Свернуть чат', label: 'Сообщение', placeholder: 'Напишите сообщение…',
      send: 'Отправить', failed: 'Не отправлено. Нажмите, чтобы повторить.', limited: 'Слишком много сообщений. Подождите {s} с.',
      offline: 'Нет связи, переподключаемся…', unread: 'Новое сообщение', you: 'Вы', log: 'Переписка',
    },
    en: {
      title: 'Chat with us', open: 'Open chat', close: 'Minimise chat', label: 'Message', placeholder: 'Write a message…',
      send: 'Send', failed: 'Not sent. Tap to retry.', limited: 'Too many messages. Wait {s} s.',
      offline: 'Connection lost, reconnecting…', unread: 'New message', you: 'You', log: 'Conversation',
    },
    kk: {
      title: 'Бізге жазыңыз', open: 'Чатты ашу', close: 'Чатты жабу', label: 'Хабарлама', placeholder: 'Хабарлама жазыңыз…',
      send: 'Жіберу', failed: 'Жіберілмеді. Қайталау үшін басыңыз.', limited: 'Хабарлама тым көп. {s} секунд күтіңіз.',
      offline: 'Байланыс үзілді, қайта қосылудамыз…', unread: 'Жаңа хабарлама', you: 'Сіз', log: 'Хат алмасу',
    },
  };
  function pickLang() {
    var wanted = [script.getAttribute('data-lang'), document.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var l = String(wanted[i] || '').toLowerCase().slice(0, 2);
      if (STRINGS[l]) return l;
    }
    return 'ru';
  }
  var LANG = pickLang();
  var T = STRINGS[LANG];

  function load() {
    try { return localStorage.getItem(STORE); } catch (e) { return null; }
  }
  function save(token) {
    try { localStorage.setItem(STORE, token); } catch (e) { /* private mode: this page only */ }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'm' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  var state = { token: load(), conversation: null, messages: [], settings: {}, open: false, es: null, lastId: null, retryMs: 1000, unread: 0 };

  // ---- DOM ---------------------------------------------------------------------------------
  var host = document.createElement('div');
  host.setAttribute('data-salesagent-widget', '');
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var CSS =
    ':host{all:initial}' +
    '.w{--c:#2563eb;--bg:#fff;--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--in:#f3f4f6;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);position:fixed;z-index:2147483000;right:20px;bottom:20px}' +
    '@media (prefers-color-scheme:dark){.w{--bg:#111827;--fg:#f9fafb;--muted:#9ca3af;--line:#374151;--in:#1f2937}}' +
    '.b{width:56px;height:56px;border-radius:50%;border:0;background:var(--c);color:#fff;cursor:pointer;box-shadow:0 6px 20px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;position:relative}' +
    '.b:focus-visible,.x:focus-visible,.s:focus-visible,textarea:focus-visible,.m button:focus-visible{outline:3px solid var(--c);outline-offset:2px}' +
    '.b svg{width:26px;height:26px}' +
    '.n{position:absolute;top:-2px;right:-2px;min-width:18px;height:18px;border-radius:9px;background:#dc2626;color:#fff;font-size:11px;line-height:18px;text-align:center;padding:0 4px}' +
    '.p{position:absolute;right:0;bottom:72px;width:370px;height:min(560px,calc(100vh - 110px));background:var(--bg);border:1px solid var(--line);border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}' +
    '.p[hidden]{display:none}' +
    '.h{background:var(--c);color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}' +
    '.h strong{flex:1;font-size:15px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}' +
    '.x{background:transparent;border:0;color:#fff;cursor:pointer;width:32px;height:32px;border-radius:8px;font-size:20px;line-height:1}' +
    '.l{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px}' +
    '.m{max-width:82%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}' +
    '.m.in{align-self:flex-start;background:var(--in);border-bottom-left-radius:4px}' +
    '.m.out{align-self:flex-end;background:var(--c);color:#fff;border-bottom-right-radius:4px}' +
    '.m.pending{opacity:.7}' +
    '.m button{all:unset;display:block;margin-top:4px;font-size:12px;text-decoration:underline;cursor:pointer}' +
    '.st{color:var(--muted);font-size:12px;padding:0 14px 6px}' +
    '.st:empty{display:none}' +
    'form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--line);align-items:flex-end}' +
    'textarea{flex:1;resize:none;border:1px solid var(--line);border-radius:10px;padding:8px 10px;font:inherit;color:var(--fg);background:var(--bg);max-height:120px;min-height:38px;box-sizing:border-box}' +
    '.s{border:0;border-radius:10px;background:var(--c);color:#fff;width:40px;height:38px;cursor:pointer;display:flex;align-items:center;justify-content:center}' +
    '.s:disabled{opacity:.5;cursor:default}' +
    '.s svg{width:18px;height:18px}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
    '@media (max-width:480px){.w{right:12px;bottom:12px}.p{position:fixed;inset:0;width:auto;height:auto;border-radius:0;border:0}.w.open .b{display:none}}';
  root.innerHTML =
    '<style>' + CSS + '</style>' +
    '<div class="w" part="widget">' +
    '<div class="p" role="dialog" aria-modal="false" hidden>' +
    '<div class="h"><strong></strong><button type="button" class="x">&#x2715;</button></div>' +
    '<div class="l" role="log" aria-live="polite"></div>' +
    '<div class="st" role="status"></div>' +
    '<form><label class="sr" for="salesagent-input"></label><textarea id="salesagent-input" rows="1" maxlength="4000"></textarea>' +
    '<button type="submit" class="s"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M22 2 11 13M22 2l-7 20-4-9-9-4 20-7z"/></svg></button></form>' +
    '</div>' +
    '<button type="button" class="b" aria-expanded="false"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg><span class="n" hidden></span></button>' +
    '</div>';
  var $ = function (sel) { return root.querySelector(sel); };
  var wrap = $('.w'), panel = $('.p'), bubble = $('.b'), badge = $('.n'), list = $('.l'), status = $('.st');
  var form = $('form'), input = $('textarea'), sendBtn = $('.s'), closeBtn = $('.x'), titleEl = $('.h strong');
  $('label').textContent = T.label;
  input.placeholder = T.placeholder;
  sendBtn.setAttribute('aria-label', T.send);
  closeBtn.setAttribute('aria-label', T.close);
  bubble.setAttribute('aria-label', T.open);
  list.setAttribute('aria-label', T.log);
  wrap.setAttribute('lang', LANG);

  function applySettings(s) {
    state.settings = s || {};
    var title = state.settings.title || T.title;
    titleEl.textContent = title;
    panel.setAttribute('aria-label', title);
    if (state.settings.color) wrap.style.setProperty('--c', state.settings.color);
  }
  applySettings({});

  // ---- rendering ---------------------------------------------------------------------------
  function render() {
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.textContent = '';
    if (state.settings.greeting) list.appendChild(bubbleEl({ role: 'agent', text: state.settings.greeting }));
    state.messages.forEach(function (m) { list.appendChild(bubbleEl(m)); });
    if (atBottom || state.open) list.scrollTop = list.scrollHeight;
  }
  function bubbleEl(m) {
    var el = document.createElement('div');
    var mine = m.role === 'user';
    el.className = 'm ' + (mine ? 'out' : 'in') + (m.local === 'pending' ? ' pending' : '');
    el.setAttribute('data-role', m.role);
    el.textContent = m.text;
    if (m.created_at) el.title = new Date(m.created_at).toLocaleString(LANG);
    if (m.local === 'failed') {
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = m.error || T.failed;
      retry.onclick = function () { deliver(m); };
      el.appendChild(retry);
    }
    return el;
  }
  function upsert(msg) {
    var before = state.messages.length;
    state.messages = state.messages.filter(function (m) {
      return !((msg.id && m.id === msg.id) || (msg.clientId && m.clientId === msg.clientId));
    });
    var isNew = state.messages.length === before;
    state.messages.push(msg);
    state.messages.sort(function (a, b) { return String(a.created_at || '9').localeCompare(String(b.created_at || '9')); });
    return isNew;
  }

  // ---- API ---------------------------------------------------------------------------------
  function post(path, body) {
    return fetch(API + path, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  function gone(res) {
    // Switched off, unknown key or this site not allowed: the widget stays away.
    if (res.status === 410 || res.status === 404 || res.status === 403) {
      stopStream();
      host.remove();
      return true;
    }
    return false;
  }
  function openSession() {
    return post('/session', state.token ? { visitor_token: state.token } : {}).then(function (res) {
      if (gone(res)) return null;
      if (!res.ok) throw new Error('session ' + res.status);
      return res.json().then(function (s) {
        state.token = s.visitor_token;
        save(s.visitor_token);
        state.conversation = s.conversation_id;
        applySettings(s.settings);
        // Keep what is being sent right now; the server's list is the truth for the rest.
        var local = state.messages.filter(function (m) { return m.local; });
        state.messages = [];
        s.messages.forEach(upsert);
        local.forEach(upsert);
        render();
        return s;
      });
    });
  }
  function deliver(m) {
    m.local = 'pending';
    m.error = null;
    upsert(m);
    render();
    return post('/messages', { visitor_token: state.token, text: m.text, client_message_id: m.clientId })
      .then(function (res) {
        if (gone(res)) return;
        if (res.status === 202) {
          return res.json().then(function (body) {
            var saved = body.message;
            saved.clientId = m.clientId;
            upsert(saved);
            render();
            if (!state.es) startStream();
          });
        }
        m.local = 'failed';
        if (res.status === 429) m.error = T.limited.replace('{s}', res.headers.get('Retry-After') || '60');
        upsert(m);
        render();
      })
      .catch(function () {
        m.local = 'failed';
        upsert(m);
        render();
      });
  }

  // ---- live replies ------------------------------------------------------------------------
  var reconnectTimer = null;
  function stopStream() {
    if (state.es) state.es.close();
    state.es = null;
    clearTimeout(reconnectTimer);
  }
  function startStream() {
    stopStream();
    if (!state.token || typeof EventSource === 'undefined') return;
    var url = API + '/stream?visitor_token=' + encodeURIComponent(state.token) + (state.lastId ? '&after=' + encodeURIComponent(state.lastId) : '');
    var es = new EventSource(url);
    var first = !state.lastId;
    state.es = es;
    es.addEventListener('ready', function (e) {
      status.textContent = '';
      state.retryMs = 1000;
      if (e.lastEventId) state.lastId = e.lastEventId;
      // Anything between the page's history and the stream's start: read the history again.
      if (first) openSession().catch(function () {});
      first = false;
    });
    // The chat was switched off while open: leave the page, as a 410 would make us.
    es.addEventListener('closed', function () {
      stopStream();
      host.remove();
    });
    es.addEventListener('reset', function (e) {
      if (e.lastEventId) state.lastId = e.lastEventId;
      openSession().catch(function () {});
    });
    es.addEventListener('message', function (e) {
      if (e.lastEventId) state.lastId = e.lastEventId;
      var msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      var isNew = upsert(msg);
      if (msg.role !== 'user') {
        if (isNew && !state.open) {
          state.unread++;
          badge.hidden = false;
          badge.textContent = String(state.unread);
          bubble.setAttribute('aria-label', T.open + ' — ' + T.unread);
        }
      }
      render();
    });
    es.onerror = function () {
      if (es.readyState === 2) {
        // The browser gave up (an error answer): reconnect ourselves, resuming after lastId.
        status.textContent = T.offline;
        state.es = null;
        reconnectTimer = setTimeout(function () {
          openSession().then(function (s) { if (s) startStream(); }).catch(function () { startStream(); });
        }, state.retryMs);
        state.retryMs = Math.min(state.retryMs * 2, 30000);
      } else {
        status.textContent = T.offline; // the browser retries with Last-Event-ID by itself
      }
    };
    es.onopen = function () { status.textContent = ''; };
  }

  // ---- interaction -------------------------------------------------------------------------
  function setOpen(open) {
    state.open = open;
    panel.hidden = !open;
    wrap.classList.toggle('open', open);
    bubble.setAttribute('aria-expanded', String(open));
    bubble.setAttribute('aria-label', open ? T.close : T.open);
    if (open) {
      state.unread = 0;
      badge.hidden = true;
      render();
      list.scrollTop = list.scrollHeight;
      input.focus();
    }
  }
  bubble.addEventListener('click', function () {
    setOpen(!state.open);
    if (!state.open) bubble.focus();
  });
  closeBtn.addEventListener('click', function () {
    setOpen(false);
    bubble.focus();
  });
  root.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && state.open) {
      setOpen(false);
      bubble.focus();
    }
  });
  function grow() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 120) + 'px';
  }
  input.addEventListener('input', grow);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || !state.token) return;
    input.value = '';
    grow();
    deliver({ clientId: uuid(), role: 'user', text: text, status: 'received', local: 'pending' });
  });

  function start() {
    document.body.appendChild(host);
    openSession()
      .then(function (s) { if (s && s.conversation_id) startStream(); })
      .catch(function () { status.textContent = T.offline; });
  }
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
