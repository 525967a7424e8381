// Shared product display helpers for the store grid and the chat widget.
// Everything from the server goes in through textContent or attributes, never innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Format a price for display: 24.99 + "USD" -> "$24.99"; null -> "Price unavailable".
 * @param {number|null|undefined} price
 * @param {string|null|undefined} currency ISO 4217 code; USD when missing.
 * @param {string} [locale] BCP 47 locale of the page ("de-DE" writes "24,99 €").
 * @returns {string}
 */
export function formatPrice(price, currency, locale = "en-US") {
  if (typeof price !== "number" || !Number.isFinite(price)) return "Price unavailable";
  const code = (currency || "USD").toUpperCase();
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code }).format(price);
  } catch {
    // An unknown currency code makes Intl throw; show the code rather than nothing.
    return `${price.toFixed(2)} ${code}`;
  }
}

/**
 * The last segment of a category path: "Toys > Science > Kits" -> "Kits".
 * @param {string|null|undefined} category
 * @returns {string}
 */
export function categoryLeaf(category) {
  if (!category) return "";
  const parts = String(category).split(">").map((part) => part.trim()).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : "";
}

/** An inline SVG "picture" icon on a neutral background, used when there is no image. */
export function createImagePlaceholder() {
  const box = document.createElement("div");
  box.className = "img-placeholder";
  box.setAttribute("role", "img");
  box.setAttribute("aria-label", "No image available");
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 48 48");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const shapes = [
    ["rect", { x: 6, y: 10, width: 36, height: 28, rx: 4, fill: "none", "stroke-width": 2.5 }],
    ["circle", { cx: 17, cy: 20, r: 3.5, fill: "currentColor", stroke: "none" }],
    ["path", { d: "M9 35l10-10 7 7 5-5 8 8", fill: "none", "stroke-width": 2.5 }],
  ];
  for (const [tag, attrs] of shapes) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
    svg.appendChild(el);
  }
  svg.setAttribute("stroke", "currentColor");
  svg.setAttribute("stroke-linejoin", "round");
  box.appendChild(svg);
  return box;
}

/**
 * A square image frame holding the product image, or the placeholder when the URL
 * is missing or the image fails to load.
 * @param {string|null|undefined} url
 * @param {string} alt
 * @returns {HTMLElement}
 */
export function createProductImage(url, alt) {
  const frame = document.createElement("div");
  frame.className = "img-frame";
  if (!url) {
    frame.appendChild(createImagePlaceholder());
    return frame;
  }
  const img = document.createElement("img");
  img.loading = "lazy";
  img.decoding = "async";
  img.alt = alt || "";
  img.referrerPolicy = "no-referrer";
  img.addEventListener("error", () => img.replaceWith(createImagePlaceholder()), { once: true });
  img.src = url;
  frame.appendChild(img);
  return frame;
}

/** Create an element with a class and optional text (set with textContent). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
