// The demo page: plain DOM code over the demo's JSON API. Every error is shown as a sentence.
const $ = (selector) => document.querySelector(selector);

const READABLE = {
  access_denied: 'You denied access on AliExpress: the account was not connected.',
  state_expired: 'The connection took too long; please start again.',
  state_replayed: 'This connection attempt was already used; please start again.',
  cookie_missing: 'The connection was started in another browser or cookies are blocked.',
  cookie_mismatch: 'The connection was started in another browser or tab; please start again.',
  code_refused: 'AliExpress refused the authorization; please connect again.',
  reauthorization_required: 'The connection to this account expired: connect the account again.',
  account_not_connected: 'This account is not connected.',
  ITEM_ID_NOT_FOUND: 'No product with this id exists (or it is not available).',
  DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS: 'This product cannot be delivered to that country.',
  SKU_NOT_EXIST: 'That SKU does not belong to the product.',
  invalid_input: 'Please check the form:',
};

function show(kind, text) {
  const box = $('#message');
  box.hidden = false;
  box.className = kind;
  box.textContent = text;
}

function explain(body) {
  const key = body.code && READABLE[body.code] ? body.code : body.reason;
  const sentence = READABLE[key];
  if (key === 'invalid_input') return `${sentence} ${body.message}`;
  return sentence ?? body.message ?? 'Something went wrong.';
}

async function api(path, options) {
  const res = await fetch(path, options);
  const body = res.status === 204 ? null : await res.json();
  if (!res.ok) throw Object.assign(new Error(explain(body ?? {})), { body });
  return body;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

// On a phone each table row is shown as a block of lines: each cell is named by its column's header
// (or the header's data-label, for a column without a visible header).
function labelCells(row) {
  const headers = row.closest('table').querySelectorAll('thead th');
  [...row.cells].forEach((td, i) => {
    td.dataset.label = headers[i]?.dataset.label ?? headers[i]?.textContent.trim() ?? '';
  });
}

async function loadInfo() {
  const info = await api('/demo/info');
  $('#mode').textContent =
    info.mode === 'mock'
      ? `Running against the embedded mock AliExpress gateway (${info.gateway}): no real account needed.`
      : `Running against ${info.gateway}.`;
}

async function loadAccounts() {
  const accounts = await api('/accounts');
  const body = $('#accounts tbody');
  body.replaceChildren();
  const select = $('#account');
  select.replaceChildren();
  for (const account of accounts) {
    const row = document.createElement('tr');
    row.dataset.account = account.accountId;
    row.append(
      cell(account.account ?? account.accountId),
      cell(account.userNick ?? ''),
      cell(new Date(account.expiresAt).toLocaleString()),
      cell(
        account.unreadable
          ? 'unreadable tokens (key not configured?): connect again or disconnect'
          : account.reauthorizationRequired
            ? 'connect again'
            : 'connected',
      ),
    );
    const actions = document.createElement('td');
    const button = document.createElement('button');
    button.className = 'secondary';
    button.textContent = 'Disconnect';
    button.onclick = async () => {
      await api(`/accounts/${encodeURIComponent(account.accountId)}`, { method: 'DELETE' });
      show('ok', `Disconnected ${account.account ?? account.accountId}.`);
      await loadAccounts();
    };
    actions.append(button);
    row.append(actions);
    body.append(row);
    labelCells(row);
    const option = document.createElement('option');
    option.value = account.accountId;
    option.textContent = account.account ?? account.accountId;
    select.append(option);
  }
  $('#no-accounts').hidden = accounts.length > 0;
  $('#accounts').hidden = accounts.length === 0;
}

let current = null;

async function lookup(event) {
  event.preventDefault();
  const account = $('#account').value;
  if (!account) return show('error', 'Connect an AliExpress account first.');
  const id = $('#product-id').value.trim();
  const shipTo = $('#ship-to').value.trim().toUpperCase();
  try {
    current = await api(
      `/products/${encodeURIComponent(id)}?account=${encodeURIComponent(account)}&shipTo=${shipTo}`,
    );
  } catch (error) {
    $('#product').hidden = true;
    return show('error', error.message);
  }
  $('#message').hidden = true;
  $('#product').hidden = false;
  $('#product-title').textContent = current.title;
  const prices = current.skus.map((s) => Number((s.offerPrice ?? s.price).amount));
  const currency = (current.skus[0]?.offerPrice ?? current.skus[0]?.price)?.currency ?? '';
  const low = Math.min(...prices).toFixed(2);
  const high = Math.max(...prices).toFixed(2);
  $('#product-price').textContent =
    low === high ? `${low} ${currency}` : `${low} – ${high} ${currency}`;
  $('#product-images').replaceChildren(
    ...current.images.map((src) =>
      Object.assign(document.createElement('img'), { src, alt: current.title, loading: 'lazy' }),
    ),
  );
  const body = $('#skus tbody');
  body.replaceChildren();
  current.skus.forEach((sku, i) => {
    const row = document.createElement('tr');
    const pick = document.createElement('td');
    const radio = Object.assign(document.createElement('input'), {
      type: 'radio',
      name: 'sku',
      value: sku.skuId,
      checked: i === 0,
    });
    pick.append(radio);
    const price = sku.offerPrice ?? sku.price;
    row.append(
      pick,
      cell(sku.skuId),
      cell(sku.properties.map((p) => `${p.name}: ${p.value}`).join(', ')),
      cell(price ? `${price.amount} ${price.currency}` : ''),
      cell(sku.available ? String(sku.stock) : 'out of stock'),
    );
    body.append(row);
    labelCells(row);
  });
  $('#freight').replaceChildren();
}

async function quote() {
  const skuId = document.querySelector('input[name=sku]:checked')?.value;
  if (!current || !skuId) return;
  const account = $('#account').value;
  const shipTo = $('#ship-to').value.trim().toUpperCase();
  try {
    const options = await api(
      `/freight?account=${encodeURIComponent(account)}&productId=${current.productId}&skuId=${skuId}&shipTo=${shipTo}`,
    );
    $('#freight').replaceChildren(
      ...options.map((o) =>
        Object.assign(document.createElement('li'), {
          textContent: `${o.company}: ${o.freeShipping ? 'free' : `${o.fee.amount} ${o.fee.currency}`}, ${o.minDeliveryDays}–${o.maxDeliveryDays} days`,
        }),
      ),
    );
  } catch (error) {
    show('error', error.message);
  }
}

async function start() {
  const params = new URLSearchParams(location.search);
  if (params.has('error'))
    show(
      'error',
      explain({ reason: params.get('error'), message: params.get('error_description') }),
    );
  else if (params.has('connected')) show('ok', 'AliExpress account connected.');
  if (params.has('error') || params.has('connected')) history.replaceState(null, '', '/');
  $('#lookup').addEventListener('submit', lookup);
  $('#quote').addEventListener('click', quote);
  try {
    await loadInfo();
    await loadAccounts();
  } catch (error) {
    show('error', error.message);
  }
}

start();

// "Find products": affiliate calls (search, details, promotion link) that need no connected account.
let found = null;

async function findProducts(event) {
  event.preventDefault();
  const keywords = $('#find-keywords').value.trim();
  const query = keywords ? `?keywords=${encodeURIComponent(keywords)}` : '';
  try {
    const page = await api(`/affiliate/products${query}`);
    $('#find-details').hidden = true;
    $('#find-results').replaceChildren(
      ...page.products.map((product) => {
        const item = document.createElement('li');
        const price = product.targetSalePrice ?? product.salePrice;
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          className: 'secondary',
          textContent: 'Details',
        });
        button.onclick = () => showFound(product.productId);
        item.append(
          `${product.title} — ${price ? `${price.amount} ${price.currency}` : ''} `,
          button,
        );
        return item;
      }),
    );
    if (page.products.length === 0) show('error', 'No product matches these keywords.');
    else $('#message').hidden = true;
  } catch (error) {
    show('error', error.message);
  }
}

async function showFound(productId) {
  try {
    found = await api(`/affiliate/products/${encodeURIComponent(productId)}`);
  } catch (error) {
    return show('error', error.message);
  }
  const price = found.targetSalePrice ?? found.salePrice;
  $('#find-title').textContent = found.title;
  $('#find-price').textContent = price ? `${price.amount} ${price.currency}` : '';
  $('#find-commission').textContent = found.commissionRate
    ? `Commission ${found.commissionRate}`
    : '';
  $('#find-images').replaceChildren(
    ...found.imageUrls.map((src) =>
      Object.assign(document.createElement('img'), { src, alt: found.title, loading: 'lazy' }),
    ),
  );
  $('#find-link').hidden = true;
  $('#find-details').hidden = false;
}

async function generateFoundLink() {
  if (!found?.detailUrl) return;
  try {
    const link = await api('/affiliate/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: found.detailUrl }),
    });
    if (!link.promotionLink) return show('error', link.message ?? 'No link for this page.');
    $('#find-tracking').textContent = link.trackingId;
    Object.assign($('#find-link-url'), {
      href: link.promotionLink,
      textContent: link.promotionLink,
    });
    $('#find-link').hidden = false;
  } catch (error) {
    show('error', error.message);
  }
}

$('#find').addEventListener('submit', findProducts);
$('#find-link-button').addEventListener('click', generateFoundLink);

// "Orders": place an order for the chosen SKU, then watch its status change live (server-sent
// events from GET /orders/events, i.e. the library's OrderEventsService.events$).
const STEP = {
  PLACE_ORDER_SUCCESS: 'placed, awaiting payment',
  WAIT_SELLER_SEND_GOODS: 'paid, awaiting shipment',
  SELLER_PART_SEND_GOODS: 'partly shipped',
  WAIT_BUYER_ACCEPT_GOODS: 'shipped',
  FINISH: 'finished',
};

function orderRow(orderId, accountId) {
  const body = $('#orders-table tbody');
  let row = [...body.rows].find((r) => r.dataset.order === orderId);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.order = orderId;
    const status = cell('placed');
    status.className = 'order-status';
    const history = document.createElement('td');
    history.append(document.createElement('ol'));
    row.append(cell(orderId), cell(accountId ?? ''), status, history);
    body.prepend(row);
    labelCells(row);
    $('#orders-table').hidden = false;
  }
  return row;
}

function showOrderEvent(event) {
  const row = orderRow(event.orderId, event.accountId);
  const readable = STEP[event.status] ?? event.status ?? 'unknown';
  const step = event.pushedStatus ? `${event.pushedStatus}: ${readable}` : readable;
  row.querySelector('.order-status').textContent = step;
  row.dataset.status = event.status ?? '';
  const entry = document.createElement('li');
  entry.textContent = `${new Date(event.receivedAt).toLocaleTimeString()} ${step} (${event.source})`;
  row.querySelector('ol').append(entry);
}

function watchOrders() {
  const live = new globalThis.EventSource('/orders/events');
  live.onopen = () => {
    $('#live').textContent = 'Live order status: connected.';
    $('#live').dataset.state = 'open';
  };
  live.onerror = () => {
    // EventSource reconnects by itself
    $('#live').textContent = 'Live order status: reconnecting…';
    $('#live').dataset.state = 'reconnecting';
  };
  live.addEventListener('order-status', (message) => showOrderEvent(JSON.parse(message.data)));
}

async function placeOrder(event) {
  event.preventDefault();
  const account = $('#account').value;
  if (!account) return show('error', 'Connect an AliExpress account first.');
  const skuId = document.querySelector('input[name=sku]:checked')?.value;
  const sku = current?.skus.find((s) => s.skuId === skuId);
  if (!sku) return show('error', 'Look up a product and choose a SKU first.');
  try {
    const created = await api('/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        account,
        address: {
          fullName: $('#order-name').value.trim(),
          address: $('#order-street').value.trim(),
          city: $('#order-city').value.trim(),
          province: $('#order-province').value.trim(),
          zip: $('#order-zip').value.trim(),
          mobileNo: $('#order-phone').value.trim(),
          phoneCountry: '+1',
          country: $('#ship-to').value.trim().toUpperCase(),
        },
        items: [{ productId: current.productId, quantity: 1, skuAttr: sku.skuAttr }],
      }),
    });
    for (const orderId of created.orderIds) orderRow(orderId, account);
    show('ok', `Order placed: ${created.orderIds.join(', ')}. Its status will update below.`);
  } catch (error) {
    show('error', error.message);
  }
}

$('#order').addEventListener('submit', placeOrder);
watchOrders();
