// The one tag a store puts on its pages to get the assistant:
//
//   <script type="module" src="https://ASSISTANT_HOST/embed.js"
//           data-customer-token="..." data-locale="de-DE" data-theme="dark"></script>
//
// It builds the launcher and panel inside a shadow root (the page's CSS and the widget's never
// meet), talks to the assistant's origin (this file's), and tells the page what the shopper
// does as DOM events: "assistant:add-to-cart" and "assistant:product-click", with
// {product_id, title, price, currency, recommendation_id, position}, so the store's own cart
// and product pages handle them. The storefront answers only pages of allowed origins
// (ASSISTANT_ALLOWED_ORIGINS; loopback pages by default), so elsewhere nothing loads.
// A page that logs a shopper in or out updates data-customer-token: another customer (or none)
// starts a new conversation, so nobody sees the last shopper's chat on a shared browser.
import { mountWidget } from "./static/widget.js";

const ORIGIN = new URL(import.meta.url).origin;
const THEMES = new Set(["light", "dark"]);

/** This module's own <script> tag (module scripts have no document.currentScript). */
function ownTag() {
  return [...document.querySelectorAll("script[src]")].find((script) => {
    try {
      return new URL(script.src, document.baseURI).href === import.meta.url;
    } catch {
      return false;
    }
  }) || null;
}

/** A locale Intl accepts, else the browser's. */
function usableLocale(wanted) {
  try {
    return Intl.getCanonicalLocales(wanted || navigator.language || "en-US")[0] || "en-US";
  } catch {
    return navigator.language || "en-US";
  }
}

/** The customer a signed token names (its `sub`), read without checking: only to notice that
 * the page's shopper changed. The assistant checks the signature. */
function subject(token) {
  try {
    const body = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return String(JSON.parse(atob(body)).sub || "");
  } catch {
    return "";
  }
}

const SUBJECT_KEY = "assistant.subject"; // whose conversation the stored transcript is
const CONVERSATION_KEYS = ["assistant.sender", "assistant.transcript", "assistant.queue"];

function storedSubject() {
  try {
    return localStorage.getItem(SUBJECT_KEY) || "";
  } catch {
    return "";
  }
}

function rememberSubject(who) {
  try {
    localStorage.setItem(SUBJECT_KEY, who);
  } catch { /* storage disabled */ }
}

/** A new shopper on this browser (another login, or a logout) never sees the last one's chat. */
function forgetOtherShoppersChat(who) {
  if (storedSubject() === who) return;
  try {
    for (const key of CONVERSATION_KEYS) localStorage.removeItem(key);
  } catch { /* storage disabled */ }
  rememberSubject(who);
}

function stylesheet(href) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  return link;
}

function embed() {
  const tag = ownTag();
  const data = tag ? tag.dataset : {};
  const host = document.getElementById("assistant-widget") || document.body.appendChild(document.createElement("div"));
  host.id = "assistant-widget";
  if (host.shadowRoot) return; // embedded once already
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  root.className = "assistant-root";
  root.dataset.theme = THEMES.has(data.theme) ? data.theme : "light";
  root.lang = usableLocale(data.locale);
  shadow.append(stylesheet(`${ORIGIN}/static/product_view.css`), stylesheet(`${ORIGIN}/static/widget.css`), root);
  // On a store's page the shopper is who the store's backend signed a token for (see the
  // README), read again for every message so the page can renew it or log someone in later;
  // without one, a guest. Only the assistant's own demo page uses its demo login instead.
  const ownPage = window.location.origin === ORIGIN;
  const token = () => (tag && tag.dataset.customerToken) || "";
  const identity = ownPage ? undefined : () => (token() ? { customer_token: token() } : {});
  if (!ownPage) forgetOtherShoppersChat(subject(token()));
  const widget = mountWidget(root, { apiBase: ORIGIN, identity, locale: root.lang, host });
  window.assistantWidget = widget;
  if (tag && !ownPage) {
    new MutationObserver(() => {
      const who = subject(token());
      if (who === storedSubject()) return; // the same shopper with a renewed token
      rememberSubject(who);
      widget.session.reset(); // someone else now: a new conversation
    }).observe(tag, { attributes: true, attributeFilter: ["data-customer-token"] });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", embed);
else embed();
