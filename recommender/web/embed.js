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
  // A store with its own login signs its shopper's token (see the README); the page may
  // refresh the attribute as it renews the token: it is read again for every message.
  const identity = data.customerToken !== undefined && tag
    ? () => (tag.dataset.customerToken ? { customer_token: tag.dataset.customerToken } : {})
    : undefined;
  window.assistantWidget = mountWidget(root, { apiBase: ORIGIN, identity, locale: root.lang, host });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", embed);
else embed();
