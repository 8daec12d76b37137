import { h } from '../dom.js';

export function signInPage(main, ctx) {
  const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'dk_…', required: true, size: 60 });
  const form = h('form', { id: 'sign-in', onsubmit: (e) => { e.preventDefault(); if (input.value.trim()) ctx.signIn(input.value); } },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste your API key (from ', h('code', {}, 'distill keys create'), '). It is kept in this tab only (sessionStorage) and sent as an Authorization header; it never appears in a URL or log.'),
    h('label', { for: 'api-key' }, 'API key '), input, ' ', h('button', { type: 'submit' }, 'Sign in'));
  main.replaceChildren(form);
  input.focus();
  return null;
}
