import { MOCK_BUYERS } from './mock-fixtures.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;background:#f5f5f5;margin:0;padding:2rem;color:#222}
main{max-width:30rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;color:#e62e04}.banner{font-size:.8rem;color:#666;border:1px dashed #aaa;padding:.4rem;margin-bottom:1rem}
label{display:block;padding:.5rem;border:1px solid #ddd;border-radius:6px;margin:.4rem 0;cursor:pointer}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:6px;border:1px solid #999;cursor:pointer}
button.approve{background:#e62e04;color:#fff;border-color:#e62e04}.error{color:#b00020}
</style></head><body><main>
<div class="banner">Mock AliExpress gateway — not the real platform</div>
${body}
</main></body></html>`;

/** The consent page: choose a test buyer, then Approve or Deny. */
export function consentPage(fields: {
  clientId: string;
  redirectUri: string;
  state?: string;
}): string {
  const hidden = Object.entries({
    client_id: fields.clientId,
    redirect_uri: fields.redirectUri,
    state: fields.state,
  })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(String(v))}">`)
    .join('\n');
  const accounts = MOCK_BUYERS.map(
    (b, i) =>
      `<label><input type="radio" name="account" value="${escape(b.userId)}"${i === 0 ? ' checked' : ''}> ${escape(b.account)} <small>(${escape(b.userNick)})</small></label>`,
  ).join('\n');
  return page(
    'Authorize app - AliExpress (mock)',
    `<h1>Authorize app ${escape(fields.clientId)}</h1>
<p>The application asks to access your AliExpress account for dropshipping.</p>
<form method="post" action="/oauth/authorize/decide">
${hidden}
<fieldset style="border:0;padding:0"><legend>Sign in as</legend>
${accounts}
</fieldset>
<p><button class="approve" type="submit" name="decision" value="approve">Approve</button>
<button class="deny" type="submit" name="decision" value="deny">Deny</button></p>
</form>`,
  );
}

/** An error page of the authorize endpoint (bad client_id, redirect_uri, …). */
export function authorizeErrorPage(message: string): string {
  return page(
    'Authorization error - AliExpress (mock)',
    `<h1>Authorization error</h1><p class="error">${escape(message)}</p>`,
  );
}
